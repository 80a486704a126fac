package ssh.auth;

import java.io.IOException;
import java.util.List;

/** Answers {@code keyboard-interactive} challenges (RFC 4256) the way a terminal user would. */
@FunctionalInterface
public interface KeyboardInteractivePrompt {
    /** One question: its text, and whether the answer may be shown as it is typed. */
    record Prompt(String text, boolean echo) {
    }

    /**
     * The answers to {@code prompts}, one for each in order, or {@code null} to stop. A round may
     * have no prompts at all (just a name or instruction to show); answer it with an empty list.
     */
    List<String> respond(String name, String instruction, List<Prompt> prompts) throws IOException;
}
