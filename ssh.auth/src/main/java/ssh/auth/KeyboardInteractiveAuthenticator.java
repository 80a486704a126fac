package ssh.auth;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Runs the server's side of {@code keyboard-interactive} (RFC 4256): a conversation of
 * challenges, each a set of prompts, ending in acceptance or rejection. One instance serves every
 * connection; what it must remember between rounds of one conversation it keys by connection
 * through the {@code conversation} object it is given.
 */
public interface KeyboardInteractiveAuthenticator {
    /** What comes next in a conversation. */
    sealed interface Round permits Challenge, Accept, Reject {
    }

    /** Questions for the client: shown with {@code name} and {@code instruction}. */
    record Challenge(String name, String instruction, List<KeyboardInteractivePrompt.Prompt> prompts)
            implements Round {
        /** Copies the prompt list. */
        public Challenge {
            Objects.requireNonNull(name);
            Objects.requireNonNull(instruction);
            prompts = List.copyOf(prompts);
        }
    }

    /** The user is authenticated by this method. */
    record Accept() implements Round {
    }

    /** The conversation failed. */
    record Reject() implements Round {
    }

    /** The first round for {@code user}; {@code conversation} identifies this conversation until it ends. */
    Round start(Object conversation, String user, String clientAddress) throws IOException;

    /** The next round, given the answers to the last challenge (in prompt order). */
    Round answer(Object conversation, String user, String clientAddress, List<String> answers) throws IOException;

    /** One {@code Password:} prompt, checked by {@code passwords}: what sshd does with PAM's usual stack. */
    static KeyboardInteractiveAuthenticator password(PasswordAuthenticator passwords) {
        Objects.requireNonNull(passwords);
        return new KeyboardInteractiveAuthenticator() {
            @Override
            public Round start(Object conversation, String user, String clientAddress) {
                return new Challenge("", "", List.of(new KeyboardInteractivePrompt.Prompt("Password: ", false)));
            }

            @Override
            public Round answer(Object conversation, String user, String clientAddress, List<String> answers)
                    throws IOException {
                char[] password = answers.get(0).toCharArray();
                try {
                    return passwords.authenticate(user, password, clientAddress) == PasswordAuthenticator.Result.ACCEPT
                            ? new Accept() : new Reject();
                } finally {
                    java.util.Arrays.fill(password, '\0');
                }
            }
        };
    }
}
