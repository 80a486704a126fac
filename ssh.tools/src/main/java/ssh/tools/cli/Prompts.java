package ssh.tools.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Asks the user for passwords, passphrases and answers as OpenSSH does: through the program named
 * by {@code SSH_ASKPASS} when {@code SSH_ASKPASS_REQUIRE=force} (or when there is no terminal and
 * {@code DISPLAY} is set and {@code SSH_ASKPASS_REQUIRE} is not {@code never}), otherwise on the
 * terminal. In batch mode nothing is asked.
 */
final class Prompts {
    private final boolean batch;
    private final Map<String, String> env;

    Prompts(boolean batch, Map<String, String> env) {
        this.batch = batch;
        this.env = env;
    }

    /** The answer to {@code prompt}, or null when nobody can be asked. The caller wipes it. */
    char[] ask(String prompt, boolean echo) throws IOException {
        if (batch) {
            return null;
        }
        String askpass = env.get("SSH_ASKPASS");
        String require = env.getOrDefault("SSH_ASKPASS_REQUIRE", "");
        Console console = System.console();
        boolean useAskpass = askpass != null && !askpass.isEmpty() && !require.equals("never")
                && (require.equals("force") || (console == null && env.containsKey("DISPLAY")));
        if (useAskpass) {
            return askpass(askpass, prompt);
        }
        if (console == null) {
            return null;
        }
        if (echo) {
            String line = console.readLine("%s", prompt);
            return line == null ? null : line.toCharArray();
        }
        return console.readPassword("%s", prompt);
    }

    private static char[] askpass(String program, String prompt) throws IOException {
        Process p = new ProcessBuilder(program, prompt).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (p.waitFor() != 0) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        String answer = new String(out, StandardCharsets.UTF_8);
        int end = answer.indexOf('\n');
        char[] result = (end < 0 ? answer : answer.substring(0, end)).replace("\r", "").toCharArray();
        java.util.Arrays.fill(out, (byte) 0);
        return result;
    }
}
