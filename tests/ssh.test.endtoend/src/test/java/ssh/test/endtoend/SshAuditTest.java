package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh-audit gate: a default {@code bin/secshd} matches {@code audit/secshd.policy} exactly and
 * a plain scan shows no failure and no warning other than ssh-audit 2.5's "unknown algorithm"
 * (names newer than the tool) and its "experimental" label on sntrup761; a default
 * {@code bin/secsh} matches {@code audit/secsh-client.policy}.
 */
class SshAuditTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Path SSH_AUDIT = Path.of("/usr/bin/ssh-audit");

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
        return new Run(p.exitValue(), out);
    }

    private Process secshd(int port) throws Exception {
        Path key = dir.resolve("host_ed25519");
        assertEquals(0, run(List.of(ROOT.resolve("bin/secsh-keygen").toString(), "-q", "-t", "ed25519", "-N", "",
                "-f", key.toString())).exit());
        Process p = new ProcessBuilder(ROOT.resolve("bin/secshd").toString(), "-q", "-p", String.valueOf(port), "-h",
                key.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("secshd.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IOException("secshd did not start: " + Files.readString(dir.resolve("secshd.log")));
    }

    @Test
    void defaultServerMatchesThePolicyAndScansClean() throws Exception {
        OpenSsh.assumePeer(Files.isExecutable(SSH_AUDIT), "the ssh-audit gate needs " + SSH_AUDIT
                + " (apt-get install ssh-audit)");
        int port = OpenSsh.freePort();
        Process server = secshd(port);
        try {
            Run policy = run(List.of(SSH_AUDIT.toString(), "-P", ROOT.resolve("audit/secshd.policy").toString(),
                    "-p", String.valueOf(port), "127.0.0.1"));
            assertEquals(0, policy.exit(), policy.out());
            Run scan = run(List.of(SSH_AUDIT.toString(), "-n", "-p", String.valueOf(port), "127.0.0.1"));
            for (String line : scan.out().lines().toList()) {
                assertTrue(!line.contains("[fail]"), "ssh-audit fails: " + line + "\n" + scan.out());
                if (line.contains("[warn]")) {
                    assertTrue(line.contains("unknown algorithm")
                            || line.contains("sntrup761x25519-sha512@openssh.com") && line.contains("experimental"),
                            "unexpected warning: " + line + "\n" + scan.out());
                }
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void defaultClientMatchesTheClientPolicy() throws Exception {
        OpenSsh.assumePeer(Files.isExecutable(SSH_AUDIT), "the ssh-audit gate needs " + SSH_AUDIT
                + " (apt-get install ssh-audit)");
        int port = OpenSsh.freePort();
        Process audit = new ProcessBuilder(SSH_AUDIT.toString(), "-c", "-P",
                ROOT.resolve("audit/secsh-client.policy").toString(), "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("audit.log").toFile()).start();
        try {
            Run client = null;
            for (int i = 0; i < 50 && audit.isAlive(); i++) {
                client = run(List.of(ROOT.resolve("bin/secsh").toString(), "-F", "none", "-p", String.valueOf(port),
                        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                        "audit@127.0.0.1", "true"));
                if (!client.out().contains("onnection refused")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(audit.waitFor(30, TimeUnit.SECONDS), "ssh-audit did not finish");
            String report = Files.readString(dir.resolve("audit.log"));
            assertEquals(0, audit.exitValue(), report);
            assertTrue(report.contains("Passed"), report);
        } finally {
            audit.destroy();
        }
    }
}
