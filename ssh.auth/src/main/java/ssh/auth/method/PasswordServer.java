package ssh.auth.method;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import ssh.api.SshException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.algorithms.AuthNames;
import ssh.api.crypto.Primitive;
import ssh.api.spi.ServerAuthContext;
import ssh.api.spi.ServerAuthMethod;
import ssh.api.spi.ServerAuthMethodFactory;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.PasswordAuthenticator;

/**
 * The server's {@code password} method (RFC 4252 section 8), checking through the application's
 * {@link PasswordAuthenticator}, including the change of an expired password.
 */
public final class PasswordServer implements ServerAuthMethodFactory {
    @Override
    public String name() {
        return AuthNames.PASSWORD;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public ServerAuthMethod create(ServerAuthContext context) {
        Optional<PasswordAuthenticator> authenticator = context.authenticator(PasswordAuthenticator.class);
        return new ServerAuthMethod() {
            @Override
            public Step onRequest(String user, WireReader fields, WireWriter reply) throws SshException {
                boolean change = fields.readBoolean("password change flag");
                char[] password = secret(fields, "password");
                char[] fresh = change ? secret(fields, "new password") : null;
                try {
                    fields.requireEnd("password request");
                    if (authenticator.isEmpty()) {
                        return Step.FAILURE;
                    }
                    PasswordAuthenticator a = authenticator.get();
                    PasswordAuthenticator.Result result = a.authenticate(user, password, context.clientAddress());
                    if (result == PasswordAuthenticator.Result.REJECT) {
                        return Step.FAILURE;
                    }
                    if (change) {
                        return a.changePassword(user, password, fresh) ? Step.SUCCESS : Step.FAILURE;
                    }
                    if (result == PasswordAuthenticator.Result.CHANGE_REQUIRED) {
                        reply.writeByte(MessageNumbers.USERAUTH_PASSWD_CHANGEREQ).writeUtf8(a.changePrompt())
                                .writeUtf8("");
                        return Step.REPLIED;
                    }
                    return Step.SUCCESS;
                } catch (IOException e) {
                    throw e instanceof SshException s ? s : new SshException("password check failed", e);
                } finally {
                    Arrays.fill(password, '\0');
                    if (fresh != null) {
                        Arrays.fill(fresh, '\0');
                    }
                }
            }

            @Override
            public Step onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException {
                throw new SshUnexpectedMessageException("USERAUTH_REQUEST", messageNumber);
            }
        };
    }

    /** A UTF-8 string field decoded straight into a char array, the bytes wiped. */
    private static char[] secret(WireReader r, String field) throws WireFormatException {
        byte[] raw = r.readString(field, Texts.MAX_PROMPT);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            char[] out = new char[chars.remaining()];
            chars.get(out);
            Arrays.fill(chars.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw new WireFormatException(field, "not valid UTF-8");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
