package ssh.auth.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs OpenSSH's tools for interop tests, and skips (or, under {@code SECSH_INTEROP=require}, fails) without them. */
public final class OpenSshTools {
    public static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
    public static final Path SSH_AGENT = Path.of("/usr/bin/ssh-agent");
    public static final Path SSH_ADD = Path.of("/usr/bin/ssh-add");

    private OpenSshTools() {
    }

    /** A finished command: its exit code and its merged output. */
    public record Result(int exit, String output) {
    }

    public static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    /** Runs {@code command} with extra environment variables, waiting at most two minutes. */
    public static Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }

    /** Skips loudly when a tool is missing, or fails when {@code SECSH_INTEROP=require}. */
    public static void assumeInstalled(Path... tools) {
        for (Path tool : tools) {
            if (!Files.isExecutable(tool)) {
                String message = "OpenSSH interop test needs " + tool + ", which is missing (apt-get install openssh-client)";
                if ("require".equals(System.getenv("SECSH_INTEROP"))) {
                    fail(message + " and SECSH_INTEROP=require");
                }
                System.err.println("*** SKIPPED: " + message + " ***");
                Assumptions.abort(message);
            }
        }
    }
}
