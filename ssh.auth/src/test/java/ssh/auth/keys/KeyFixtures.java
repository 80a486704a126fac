package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;

/** Shared test fixtures: the default provider chain, the public-key algorithms and the real ssh-keygen. */
final class KeyFixtures {
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private KeyFixtures() {
    }

    static CryptoProvider crypto() {
        try {
            return AlgorithmRegistry.load().providerChain(null);
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    static PublicKeyAlgorithmFactory algorithm(String name) {
        return AlgorithmRegistry.load().find(AlgorithmFamily.PUBLIC_KEY, name)
                .orElseThrow(() -> new AssertionError("no public-key algorithm " + name + " (is ssh.kex on the path?)"));
    }

    /** Runs a command; returns its exit code and output. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String output) {
    }

    /** Skips loudly without ssh-keygen, or fails when {@code SECSH_INTEROP=require}. */
    static void assumeSshKeygen() {
        if (!Files.isExecutable(SSH_KEYGEN)) {
            String message = "OpenSSH interop test needs " + SSH_KEYGEN + ", which is missing (apt-get install openssh-client)";
            if ("require".equals(System.getenv("SECSH_INTEROP"))) {
                fail(message + " and SECSH_INTEROP=require");
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            Assumptions.abort(message);
        }
    }
}
