package ssh.auth.method;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import ssh.api.SshException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.algorithms.AuthNames;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.spi.ServerAuthContext;
import ssh.api.spi.ServerAuthMethod;
import ssh.api.spi.ServerAuthMethodFactory;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.UserAuthClient;
import ssh.auth.keys.KeyOptions;

/**
 * The server's {@code publickey} method (RFC 4252 section 7). The application's
 * {@link PublicKeyAuthenticator} is asked first; only a key it allows is answered with
 * SSH_MSG_USERAUTH_PK_OK or has its signature checked, over this session's identifier. A key that
 * already logged in once on this connection is refused, as OpenSSH refuses it, so that
 * {@code AuthenticationMethods publickey,publickey} takes two different keys.
 */
public final class PublicKeyServer implements ServerAuthMethodFactory {
    private static final int MAX_BLOB = 64 * 1024;

    @Override
    public String name() {
        return AuthNames.PUBLICKEY;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public ServerAuthMethod create(ServerAuthContext context) {
        Optional<PublicKeyAuthenticator> authenticator = context.authenticator(PublicKeyAuthenticator.class);
        return new ServerAuthMethod() {
            /** The blobs of the keys that succeeded on this connection. */
            private final Set<String> used = new HashSet<>();

            @Override
            public Step onRequest(String user, WireReader fields, WireWriter reply) throws SshException {
                boolean signed = fields.readBoolean("has signature");
                String algorithm = fields.readUtf8("public key algorithm", Texts.MAX_NAME);
                byte[] blob = fields.readString("public key blob", MAX_BLOB);
                byte[] signature = signed ? fields.readString("signature", MAX_BLOB) : null;
                fields.requireEnd("publickey request");
                Optional<PublicKeyAlgorithmFactory> factory = context.publicKeyAlgorithm(algorithm);
                if (factory.isEmpty() || authenticator.isEmpty()) {
                    return Step.FAILURE;
                }
                SshPublicKey key;
                try {
                    key = SshKeyCodec.publicKey(blob);
                    SshKeyCodec.requirePeerKeyStrength(SshKeyCodec.publicMaterial(key));
                } catch (SshException e) {
                    return Step.FAILURE;
                }
                if (!key.type().equals(factory.get().keyType())) {
                    return Step.FAILURE;
                }
                String id = HexFormat.of().formatHex(blob);
                if (used.contains(id)) {
                    return Step.FAILURE;
                }
                Optional<KeyOptions> options;
                try {
                    options = authenticator.get().authorize(user, key, context.clientAddress());
                } catch (IOException e) {
                    throw e instanceof SshException s ? s : new SshException("public key check failed", e);
                }
                if (options.isEmpty()) {
                    return Step.FAILURE;
                }
                if (!signed) {
                    reply.writeByte(MessageNumbers.USERAUTH_PK_OK).writeUtf8(algorithm).writeString(blob);
                    return Step.REPLIED;
                }
                if (!factory.get().verify(key, signedData(context.sessionId(), user, algorithm, blob), signature,
                        context.crypto())) {
                    return Step.FAILURE;
                }
                used.add(id);
                context.grant(options.get());
                return Step.SUCCESS;
            }

            @Override
            public Step onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException {
                throw new SshUnexpectedMessageException("USERAUTH_REQUEST", messageNumber);
            }
        };
    }

    /** What the client signs (RFC 4252 section 7): the session identifier, then the request up to the signature. */
    static byte[] signedData(byte[] sessionId, String user, String algorithm, byte[] blob) {
        WireWriter w = new WireWriter(sessionId.length + blob.length + 128).writeString(sessionId)
                .writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8(user).writeUtf8(UserAuthClient.CONNECTION_SERVICE)
                .writeUtf8(AuthNames.PUBLICKEY).writeBoolean(true).writeUtf8(algorithm).writeString(blob);
        return Arrays.copyOf(w.array(), w.length());
    }
}
