package ssh.auth.method;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import ssh.api.SshAuthenticationException;
import ssh.api.SshException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.algorithms.AuthNames;
import ssh.api.crypto.Primitive;
import ssh.api.spi.ClientAuthContext;
import ssh.api.spi.ClientAuthMethod;
import ssh.api.spi.ClientAuthMethodFactory;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.PasswordChangePrompt;
import ssh.auth.PasswordPrompt;

/**
 * The client's {@code password} method (RFC 4252 section 8), with the server's request to
 * change an expired password answered through a {@link PasswordChangePrompt}.
 */
public final class PasswordClient implements ClientAuthMethodFactory {
    @Override
    public String name() {
        return AuthNames.PASSWORD;
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
        private final List<PasswordPrompt> prompts;
        private int attempt;
        private char[] last;

        Method(ClientAuthContext context) {
            this.context = context;
            this.prompts = context.credentials(PasswordPrompt.class);
        }

        @Override
        public boolean writeRequest(WireWriter request) throws SshException {
            forget();
            if (prompts.isEmpty()) {
                return false;
            }
            attempt++;
            try {
                last = prompts.get(0).password(context.user(), context.host(), attempt);
            } catch (IOException e) {
                throw new SshException("password prompt failed: " + e.getMessage(), e);
            }
            if (last == null) {
                return false;
            }
            request.writeBoolean(false);
            Texts.writeSecret(request, last);
            return true;
        }

        @Override
        public boolean onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException {
            if (messageNumber != MessageNumbers.USERAUTH_PASSWD_CHANGEREQ || last == null) {
                throw new SshUnexpectedMessageException("USERAUTH_PASSWD_CHANGEREQ after a password", messageNumber);
            }
            String prompt = message.readUtf8("password change prompt", Texts.MAX_PROMPT);
            message.readUtf8("language tag", Texts.MAX_NAME);
            List<PasswordChangePrompt> changers = context.credentials(PasswordChangePrompt.class);
            char[] fresh;
            try {
                fresh = changers.isEmpty() ? null : changers.get(0).newPassword(prompt);
            } catch (IOException e) {
                throw new SshException("password change prompt failed: " + e.getMessage(), e);
            }
            if (fresh == null) {
                forget();
                throw new SshAuthenticationException("the server asks for a new password and none was given: "
                        + prompt, List.of(), false);
            }
            Texts.requestHead(reply, context.user(), AuthNames.PASSWORD).writeBoolean(true);
            Texts.writeSecret(reply, last);
            Texts.writeSecret(reply, fresh);
            Arrays.fill(fresh, '\0');
            forget();
            return true;
        }

        private void forget() {
            if (last != null) {
                Arrays.fill(last, '\0');
                last = null;
            }
        }
    }
}
