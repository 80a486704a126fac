package ssh.auth.method;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.algorithms.AuthNames;
import ssh.api.crypto.Primitive;
import ssh.api.spi.ServerAuthContext;
import ssh.api.spi.ServerAuthMethod;
import ssh.api.spi.ServerAuthMethodFactory;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.KeyboardInteractiveAuthenticator;
import ssh.auth.KeyboardInteractiveAuthenticator.Challenge;
import ssh.auth.KeyboardInteractiveAuthenticator.Round;
import ssh.auth.KeyboardInteractivePrompt;

/**
 * The server's {@code keyboard-interactive} method (RFC 4256): the application's
 * {@link KeyboardInteractiveAuthenticator} sets the challenges; each goes out as
 * SSH_MSG_USERAUTH_INFO_REQUEST and must come back as an INFO_RESPONSE with one answer per prompt.
 */
public final class KeyboardInteractiveServer implements ServerAuthMethodFactory {
    @Override
    public String name() {
        return AuthNames.KEYBOARD_INTERACTIVE;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public ServerAuthMethod create(ServerAuthContext context) {
        Optional<KeyboardInteractiveAuthenticator> authenticator =
                context.authenticator(KeyboardInteractiveAuthenticator.class);
        return new ServerAuthMethod() {
            private Object conversation;
            private String user;
            private Challenge asked;

            @Override
            public Step onRequest(String name, WireReader fields, WireWriter reply) throws SshException {
                fields.readUtf8("language tag", Texts.MAX_NAME);
                fields.readUtf8("submethods", Texts.MAX_NAME);
                fields.requireEnd("keyboard-interactive request");
                if (authenticator.isEmpty()) {
                    return Step.FAILURE;
                }
                conversation = new Object();
                user = name;
                try {
                    return next(authenticator.get().start(conversation, user, context.clientAddress()), reply);
                } catch (IOException e) {
                    throw e instanceof SshException s ? s : new SshException("keyboard-interactive failed", e);
                }
            }

            @Override
            public Step onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException {
                if (messageNumber != MessageNumbers.USERAUTH_INFO_RESPONSE || asked == null) {
                    throw new SshUnexpectedMessageException("USERAUTH_INFO_RESPONSE", messageNumber);
                }
                long count = message.readUint32AsLong("number of responses");
                if (count != asked.prompts().size()) {
                    throw new SshProtocolException("INFO_RESPONSE has " + count + " answers to "
                            + asked.prompts().size() + " prompts");
                }
                List<String> answers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    answers.add(message.readUtf8("response", Texts.MAX_PROMPT));
                }
                message.requireEnd("USERAUTH_INFO_RESPONSE");
                asked = null;
                try {
                    return next(authenticator.orElseThrow().answer(conversation, user, context.clientAddress(),
                            answers), reply);
                } catch (IOException e) {
                    throw e instanceof SshException s ? s : new SshException("keyboard-interactive failed", e);
                }
            }

            private Step next(Round round, WireWriter reply) {
                return switch (round) {
                    case KeyboardInteractiveAuthenticator.Accept a -> Step.SUCCESS;
                    case KeyboardInteractiveAuthenticator.Reject r -> Step.FAILURE;
                    case Challenge c -> {
                        asked = c;
                        reply.writeByte(MessageNumbers.USERAUTH_INFO_REQUEST).writeUtf8(c.name())
                                .writeUtf8(c.instruction()).writeUtf8("").writeUint32(c.prompts().size());
                        for (KeyboardInteractivePrompt.Prompt p : c.prompts()) {
                            reply.writeUtf8(p.text()).writeBoolean(p.echo());
                        }
                        yield Step.REPLIED;
                    }
                };
            }
        };
    }
}
