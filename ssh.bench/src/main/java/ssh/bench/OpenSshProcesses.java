package ssh.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The OpenSSH side of {@link EndToEndThroughput}: finds {@code ssh} and {@code sshd}, starts a
 * private {@code sshd} on 127.0.0.1 (config, keys, pid file and log in the harness's temp
 * directory), and times uploads and downloads through the {@code ssh} client.
 */
final class OpenSshProcesses {
    /** Deletes a harness's temporary directory and all it holds; what cannot be deleted is reported, not thrown. */
    static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Linux's default pipe capacity: the first write of this size into ssh's stdin does not wait for ssh. */
    static final int PIPE_CAPACITY = 64 * 1024;

    private OpenSshProcesses() {
    }

    /**
     * True if {@code -Dsecsh.bench.openssh=off}: every harness then behaves as if OpenSSH were not
     * installed (its pairs are reported as skipped), as on a CI machine without it.
     */
    static boolean disabled() {
        return "off".equals(System.getProperty("secsh.bench.openssh"));
    }

    /** {@code sshd}, which must be started by its absolute path; empty if not installed. */
    static Optional<Path> sshd() {
        if (disabled()) {
            return Optional.empty();
        }
        return Optional.ofNullable(System.getenv("SECSH_BENCH_SSHD")).map(Path::of)
                .or(() -> Optional.of(Path.of("/usr/sbin/sshd"))).filter(Files::isExecutable);
    }

    /** {@code ssh} from the PATH (/usr/bin without one); empty if not installed. */
    static Optional<Path> ssh() {
        if (disabled()) {
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d, "ssh"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** What {@code ssh -V} says (it writes to stderr), or "not installed". */
    static String version() {
        Optional<Path> ssh = ssh();
        if (ssh.isEmpty()) {
            return "OpenSSH not installed";
        }
        try {
            return run(List.of(ssh.get().toString(), "-V")).strip();
        } catch (IOException e) {
            return "OpenSSH version unknown (" + e.getMessage() + ")";
        }
    }

    /** {@code ssh -Q what}, or an empty list. */
    static List<String> query(String what) {
        Optional<Path> ssh = ssh();
        if (ssh.isEmpty()) {
            return List.of();
        }
        try {
            return run(List.of(ssh.get().toString(), "-Q", what)).lines().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Runs a short command, returns its stdout and stderr together. */
    static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + command, e);
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * Uploads {@code bytes} zero bytes through {@code ssh ... user@127.0.0.1 command}, feeding ssh's
     * stdin from this process, and returns the seconds from the start of sending to ssh's exit
     * (which follows the remote exit status).
     *
     * <p>ssh reads its stdin only once the session channel is open, after connect and
     * authentication. The first {@link #PIPE_CAPACITY} bytes fill the pipe without waiting for
     * ssh; the clock starts when the next write returns, that is once ssh has begun taking data.
     * All {@code bytes} are counted, so the rate is high by at most two pipe-fulls over the run.
     */
    static double upload(Path ssh, int port, Path identity, String user, String cipher, String mac,
            String command, long bytes, Path errFile) throws IOException, InterruptedException {
        List<String> cmd = sshCommand(ssh, port, identity, user, cipher, mac, command);
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errFile.toFile()).start();
        byte[] buf = new byte[PIPE_CAPACITY];
        long start = -1;
        try (OutputStream in = p.getOutputStream()) {
            long left = bytes;
            boolean first = true;
            while (left > 0) {
                int n = (int) Math.min(buf.length, left);
                in.write(buf, 0, n);
                left -= n;
                if (first) {
                    first = false;
                } else if (start < 0) {
                    start = System.nanoTime();
                }
            }
        } catch (IOException e) {
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
            throw new IOException("ssh stopped reading its input (" + e.getMessage() + "): " + errText(errFile));
        }
        if (!p.waitFor(timeoutSeconds(bytes), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ssh did not finish in time: " + errText(errFile));
        }
        long end = System.nanoTime();
        if (p.exitValue() != 0) {
            throw new IOException("ssh exited with " + p.exitValue() + ": " + errText(errFile));
        }
        if (start < 0) {
            throw new IOException("too few bytes to time: need more than " + PIPE_CAPACITY);
        }
        return (end - start) / 1e9;
    }

    /**
     * Runs {@code ssh ... user@127.0.0.1 command < /dev/null}, where {@code command} writes {@code bytes}
     * bytes, reads ssh's stdout in this process, counting and discarding it, and returns the
     * seconds the whole transfer took at the rate measured from the end of the first read to ssh's
     * exit (which follows the remote exit status): connecting and authenticating come before the
     * first byte and are not timed, and the bytes of the first read are left out of the rate.
     * Throws if ssh fails or the count is wrong.
     */
    static double download(Path ssh, int port, Path identity, String user, String cipher, String mac,
            String command, long bytes, Path errFile) throws IOException, InterruptedException {
        List<String> cmd = sshCommand(ssh, port, identity, user, cipher, mac, command);
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(errFile.toFile()).start();
        byte[] buf = new byte[PIPE_CAPACITY];
        long start = -1;
        long first = 0;
        long total = 0;
        try (InputStream out = p.getInputStream()) {
            for (int n; (n = out.read(buf)) >= 0; ) {
                total += n;
                if (start < 0) {
                    start = System.nanoTime();
                    first = n;
                }
            }
        } catch (IOException e) {
            p.destroyForcibly();
            throw new IOException("could not read ssh's output (" + e.getMessage() + "): " + errText(errFile), e);
        }
        if (!p.waitFor(timeoutSeconds(bytes), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ssh did not finish in time: " + errText(errFile));
        }
        long end = System.nanoTime();
        if (p.exitValue() != 0 || total != bytes) {
            throw new IOException("ssh exited with " + p.exitValue() + " after " + total + " of " + bytes + " bytes: "
                    + errText(errFile));
        }
        if (total == first) {
            throw new IOException("too few bytes to time: all came in the first read");
        }
        return (end - start) / 1e9 * total / (total - first);
    }

    private static List<String> sshCommand(Path ssh, int port, Path identity, String user, String cipher, String mac,
            String command) {
        return List.of(ssh.toString(), "-F", "none", "-p", String.valueOf(port),
                "-i", identity.toString(), "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                "-T", "-c", cipher, "-m", mac, user + "@127.0.0.1", command);
    }

    /** Generous: ten minutes plus one second per MB. */
    static long timeoutSeconds(long bytes) {
        return 600 + bytes / 1_000_000;
    }

    private static String errText(Path errFile) {
        try {
            String s = Files.readString(errFile).strip();
            return s.isEmpty() ? "(no message)" : s.length() > 500 ? s.substring(0, 500) + "..." : s;
        } catch (IOException e) {
            return "(no message)";
        }
    }

    /** A private sshd on 127.0.0.1 with everything in {@code dir}. */
    static final class Sshd implements AutoCloseable {
        final int port;
        private final Path log;
        private final Process process;

        private Sshd(int port, Path log, Process process) {
            this.port = port;
            this.log = log;
            this.process = process;
        }

        /**
         * As {@link #start}, or null (with the reason on stderr) if {@code sshd} is missing or does
         * not start: the caller reports its pairs as skipped.
         */
        static Sshd startOrNull(Optional<Path> sshd, Path dir, Path hostKey, Path authorizedKeys)
                throws InterruptedException {
            if (sshd.isEmpty()) {
                return null;
            }
            try {
                return start(sshd.get(), dir, hostKey, authorizedKeys);
            } catch (IOException e) {
                System.err.println("sshd did not start: " + e.getMessage());
                return null;
            }
        }

        /**
         * Writes the config (with {@code hostKey} and {@code authorizedKeys}) into {@code dir} and
         * starts {@code sshd -D -e -f config}; returns once it accepts connections.
         */
        static Sshd start(Path sshd, Path dir, Path hostKey, Path authorizedKeys)
                throws IOException, InterruptedException {
            try {
                Files.createDirectories(Path.of("/run/sshd"));
            } catch (IOException e) {
                // sshd will say what it needs, below
            }
            int port = freePort();
            List<String> config = new ArrayList<>(List.of(
                    "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + hostKey,
                    "PidFile " + dir.resolve("sshd.pid"), "AuthorizedKeysFile " + authorizedKeys,
                    "StrictModes no", "UsePAM no", "SetEnv SHLVL=1", "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no", "PrintMotd no"));
            // Accept every cipher and MAC this OpenSSH has, so that --ciphers and --mac may name any.
            List<String> ciphers = query("cipher");
            if (!ciphers.isEmpty()) {
                config.add("Ciphers " + String.join(",", ciphers));
            }
            List<String> macs = query("mac");
            if (!macs.isEmpty()) {
                config.add("MACs " + String.join(",", macs));
            }
            Path conf = Files.write(dir.resolve("sshd_config"), config);
            String check = run(List.of(sshd.toString(), "-t", "-f", conf.toString())).strip();
            if (!check.isEmpty()) {
                System.err.println("sshd -t says: " + check);
            }
            Path log = dir.resolve("sshd.log");
            Process p = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", conf.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Sshd started = new Sshd(port, log, p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && p.isAlive()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return started;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            String text = started.log();
            started.close();
            throw new IOException("sshd did not start: " + text.strip());
        }

        String log() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }

        /** Stops sshd (and, with it, its listener); the directory is the caller's to delete. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
