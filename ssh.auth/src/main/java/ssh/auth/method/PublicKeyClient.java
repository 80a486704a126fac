package ssh.auth.method;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.algorithms.AuthNames;
import ssh.api.crypto.Primitive;
import ssh.api.spi.ClientAuthContext;
import ssh.api.spi.ClientAuthMethod;
import ssh.api.spi.ClientAuthMethodFactory;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.UserKey;

/**
 * The client's {@code publickey} method (RFC 4252 section 7). Each key is first offered without
 * a signature; only a key the server answers with SSH_MSG_USERAUTH_PK_OK is signed with. For RSA
 * keys the signature algorithm is the first of ours the server names in {@code server-sig-algs}.
 */
public final class PublicKeyClient implements ClientAuthMethodFactory {
    @Override
    public String name() {
        return AuthNames.PUBLICKEY;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public ClientAuthMethod create(ClientAuthContext context) {
        return new Method(context);
    }

    private static final class Method implements ClientAuthMethod {
        private final ClientAuthContext context;
        private final List<UserKey> keys;
        private int next;
        private UserKey offered;
        private PublicKeyAlgorithmFactory algorithm;

        Method(ClientAuthContext context) {
            this.context = context;
            this.keys = context.credentials(UserKey.class);
        }

        @Override
        public boolean writeRequest(WireWriter request) {
            offered = null;
            while (next < keys.size()) {
                UserKey key = keys.get(next++);
                Optional<PublicKeyAlgorithmFactory> alg = algorithmFor(key);
                if (alg.isPresent()) {
                    offered = key;
                    algorithm = alg.get();
                    request.writeBoolean(false).writeUtf8(algorithm.name()).writeString(key.publicKey().blob());
                    return true;
                }
            }
            return false;
        }

        /** Our first algorithm for the key's type that the server announced, else our first for that type. */
        private Optional<PublicKeyAlgorithmFactory> algorithmFor(UserKey key) {
            List<String> ours = context.publicKeyAlgorithms().stream()
                    .filter(n -> context.publicKeyAlgorithm(n).orElseThrow().keyType().equals(key.publicKey().type()))
                    .toList();
            List<String> theirs = context.serverSignatureAlgorithms();
            String chosen = ours.stream().filter(theirs::contains).findFirst()
                    .orElse(ours.isEmpty() ? null : ours.get(0));
            return chosen == null ? Optional.empty() : context.publicKeyAlgorithm(chosen);
        }

        @Override
        public boolean onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException {
            if (messageNumber != MessageNumbers.USERAUTH_PK_OK || offered == null) {
                throw new SshUnexpectedMessageException("USERAUTH_PK_OK for the key offered", messageNumber);
            }
            String name = message.readUtf8("public key algorithm", Texts.MAX_NAME);
            byte[] blob = message.readString("public key blob", 64 * 1024);
            message.requireEnd("USERAUTH_PK_OK");
            if (!name.equals(algorithm.name()) || !Arrays.equals(blob, offered.publicKey().blob())) {
                throw new SshProtocolException("USERAUTH_PK_OK names a key or algorithm that was not offered");
            }
            Texts.requestHead(reply, context.user(), AuthNames.PUBLICKEY).writeBoolean(true).writeUtf8(name)
                    .writeString(blob);
            byte[] sessionId = context.sessionId();
            WireWriter signed = new WireWriter(sessionId.length + reply.length() + 8).writeString(sessionId)
                    .writeBytes(reply.array(), 0, reply.length());
            byte[] data = Arrays.copyOf(signed.array(), signed.length());
            reply.writeString(offered.sign(algorithm, data, context.crypto()));
            offered = null;
            return true;
        }
    }
}
