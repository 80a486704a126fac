package ssh.auth.method;

import java.io.IOException;
import java.util.ArrayList;
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
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.KeyboardInteractivePrompt;

/**
 * The client's {@code keyboard-interactive} method (RFC 4256): each SSH_MSG_USERAUTH_INFO_REQUEST
 * goes to a {@link KeyboardInteractivePrompt}, whose answers go back in an INFO_RESPONSE. The
 * method is tried up to three times, as OpenSSH tries it.
 */
public final class KeyboardInteractiveClient implements ClientAuthMethodFactory {
    private static final int MAX_TRIES = 3;

    @Override
    public String name() {
        return AuthNames.KEYBOARD_INTERACTIVE;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public ClientAuthMethod create(ClientAuthContext context) {
        List<KeyboardInteractivePrompt> prompts = context.credentials(KeyboardInteractivePrompt.class);
        return new ClientAuthMethod() {
            private int tries;

            @Override
            public boolean writeRequest(WireWriter request) {
                if (prompts.isEmpty() || tries >= MAX_TRIES) {
                    return false;
                }
                tries++;
                request.writeUtf8("").writeUtf8("");  // language tag, submethods
                return true;
            }

            @Override
            public boolean onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException {
                if (messageNumber != MessageNumbers.USERAUTH_INFO_REQUEST) {
                    throw new SshUnexpectedMessageException("USERAUTH_INFO_REQUEST", messageNumber);
                }
                String name = message.readUtf8("name", Texts.MAX_PROMPT);
                String instruction = message.readUtf8("instruction", Texts.MAX_PROMPT);
                message.readUtf8("language tag", Texts.MAX_NAME);
                long count = message.readUint32AsLong("number of prompts");
                if (count > Texts.MAX_PROMPTS) {
                    throw new WireFormatException("number of prompts", count + " is over " + Texts.MAX_PROMPTS);
                }
                List<KeyboardInteractivePrompt.Prompt> questions = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String text = message.readUtf8("prompt", Texts.MAX_PROMPT);
                    questions.add(new KeyboardInteractivePrompt.Prompt(text, message.readBoolean("echo")));
                }
                message.requireEnd("USERAUTH_INFO_REQUEST");
                List<String> answers;
                try {
                    answers = prompts.get(0).respond(name, instruction, List.copyOf(questions));
                } catch (IOException e) {
                    throw new SshException("keyboard-interactive prompt failed: " + e.getMessage(), e);
                }
                if (answers == null || answers.size() != questions.size()) {
                    throw new SshAuthenticationException(answers == null ? "keyboard-interactive cancelled"
                            : "keyboard-interactive prompt gave " + answers.size() + " answers to "
                                    + questions.size() + " prompts", List.of(), false);
                }
                reply.writeByte(MessageNumbers.USERAUTH_INFO_RESPONSE).writeUint32(answers.size());
                for (String a : answers) {
                    reply.writeUtf8(a);
                }
                return true;
            }
        };
    }
}
