package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real OpenSSH peers for interop tests: a private {@code sshd} on 127.0.0.1 with its config, host
 * keys and log in a temp directory, and the {@code ssh} client. A missing peer skips the test with
 * a loud message, unless {@code SECSH_INTEROP=require} (CI), where it fails.
 */
final class OpenSsh {
    static final Path SSHD = Path.of("/usr/sbin/sshd");
    static final Path SSH = Path.of("/usr/bin/ssh");
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    private OpenSsh() {
    }

    /** The local account the auth interop tests log in as; {@code .ci/run} creates it with {@link #TEST_PASSWORD}. */
    static final String TEST_USER = "secsh-test";
    static final String TEST_PASSWORD = "secsh-test-password";

    static void assumeInstalled(Path... tools) {
        for (Path tool : tools) {
            assumePeer(Files.isExecutable(tool), "OpenSSH interop test needs " + tool
                    + ", which is missing (apt-get install openssh-server)");
        }
    }

    /** Skips loudly when {@code present} is false, or fails under {@code SECSH_INTEROP=require}. */
    static void assumePeer(boolean present, String message) {
        if (!present) {
            if ("require".equals(System.getenv("SECSH_INTEROP"))) {
                fail(message + " and SECSH_INTEROP=require");
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            Assumptions.abort(message);
        }
    }

    /** Skips (or fails) unless the test account exists: {@code .ci/run} makes it. */
    static void assumeTestUser() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", TEST_USER).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assumePeer(p.waitFor() == 0, "auth interop test needs the local user " + TEST_USER
                + " with password " + TEST_PASSWORD + " (see .ci/run)");
    }

    /** {@code ssh -Q what}: the names this OpenSSH supports. */
    static List<String> query(String what) throws IOException, InterruptedException {
        return run(List.of(SSH.toString(), "-Q", what)).lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A private sshd. */
    static final class Sshd implements AutoCloseable {
        final Path dir;
        final int port;
        private final Process process;

        private Sshd(Path dir, int port, Process process) {
            this.dir = dir;
            this.port = port;
            this.process = process;
        }

        /** Starts sshd accepting every algorithm this OpenSSH has; {@code extraConfig} lines are appended. */
        static Sshd start(List<String> extraConfig) throws IOException, InterruptedException {
            assumeInstalled(SSHD, SSH, SSH_KEYGEN);
            Path dir = Files.createTempDirectory("secsh-sshd");
            List<String> hostKeys = new ArrayList<>();
            for (String spec : List.of("ed25519", "ecdsa:256", "ecdsa:384", "ecdsa:521", "rsa:3072", "dsa")) {
                String type = spec.split(":")[0];
                List<String> keygen = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q", "-N", "", "-t", type));
                if (spec.contains(":")) {
                    keygen.addAll(List.of("-b", spec.split(":")[1]));
                }
                Path key = dir.resolve("host_" + spec.replace(':', '_'));
                keygen.addAll(List.of("-f", key.toString()));
                String out = run(keygen);
                if (Files.exists(key)) {
                    hostKeys.add("HostKey " + key);
                } else {
                    System.err.println("note: ssh-keygen could not make a " + type + " key: " + out.strip());
                }
            }
            Files.createDirectories(Path.of("/run/sshd"));
            int port = freePort();
            List<String> config = new ArrayList<>(List.of(
                    "Port " + port, "ListenAddress 127.0.0.1", "PidFile " + dir.resolve("sshd.pid"),
                    "StrictModes no", "UsePAM no", "LogLevel DEBUG2", "SetEnv SHLVL=1",
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                    "KexAlgorithms " + String.join(",", query("kex")),
                    "Ciphers " + String.join(",", query("cipher")),
                    "MACs " + String.join(",", query("mac")),
                    "HostKeyAlgorithms " + String.join(",", query("key-sig"))));
            config.addAll(hostKeys);
            config.addAll(extraConfig);
            Path conf = dir.resolve("sshd_config");
            Files.write(conf, config);
            String check = run(List.of(SSHD.toString(), "-t", "-f", conf.toString()));
            if (!check.isBlank()) {
                System.err.println("sshd -t says: " + check);
            }
            Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
            Sshd sshd = new Sshd(dir, port, p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return sshd;
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        break;
                    }
                    Thread.sleep(50);
                }
            }
            String log = Files.readString(dir.resolve("sshd.log"));
            sshd.close();
            throw new IOException("sshd did not start: " + log);
        }

        String log() throws IOException {
            return Files.readString(dir.resolve("sshd.log"));
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // temp files only
            }
        }
    }
}
