package ssh.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import ssh.api.HostKeyVerifier;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.connection.ChannelLimits;
import ssh.connection.Session;
import ssh.connection.SessionHandler;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/**
 * The two workloads of {@link Soak} and the server they run against: an in-JVM server (password
 * robey/foo) whose exec handler echoes stdin to stdout in Java (no child process), connect-exec-close
 * cycles, and long-lived sessions streaming a checked pattern.
 */
final class SoakLoad {
    static final String USER = "robey";
    static final String PASSWORD = "foo";
    /** A fixed window of 256 KiB each way: 200 busy channels stay well inside a 512 MiB heap. */
    static final ChannelLimits LIMITS = new ChannelLimits(256 * 1024, 256 * 1024, 32 * 1024, 64);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Copies stdin to stdout until the client's EOF, flushing each read; exits 0 whatever the command. */
    static final SessionHandler ECHO = session -> {
        byte[] buf = new byte[32 * 1024];
        InputStream in = session.stdin();
        OutputStream out = session.stdout();
        for (int n; (n = in.read(buf)) >= 0; ) {
            out.write(buf, 0, n);
            out.flush();
        }
        return 0;
    };

    /** Failures seen by any worker (the first few are printed). */
    final Queue<String> errors = new ConcurrentLinkedQueue<>();
    private final String host;
    private final int port;
    private final HostKeyVerifier verifier;

    SoakLoad(String host, int port, HostKeyVerifier verifier) {
        this.host = host;
        this.port = port;
        this.verifier = verifier;
    }

    static SshServer startServer(SshKeyPair hostKey, int port) throws IOException {
        return SshServer.builder().hostKey(hostKey).port(port).limits(LIMITS)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of(USER, PASSWORD))).build())
                .exec(ECHO).shell(null).maxStartups(1000).start();
    }

    SshClient connect() throws Exception {
        return SshClient.builder(host, port).hostKeyVerifier(verifier).limits(LIMITS)
                .connect(ClientAuthConfig.builder(USER).password(PasswordPrompt.of(PASSWORD.toCharArray())).build());
    }

    /**
     * Phase 1: {@code cycles} times connect, log in, exec a command, write 1 KiB, read it back,
     * check it and the exit status, close; {@code parallel} virtual threads share the cycles.
     * Returns how many cycles succeeded.
     */
    int cycles(int cycles, int parallel) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < parallel; w++) {
            workers.add(Thread.ofVirtual().name("soak-cycle-" + w).start(() -> {
                for (int i; (i = next.getAndIncrement()) < cycles; ) {
                    try {
                        oneCycle(i);
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        errors.add("cycle " + i + ": " + e);
                    }
                }
            }));
        }
        for (Thread t : workers) {
            t.join();
        }
        return ok.get();
    }

    private void oneCycle(int i) throws Exception {
        byte[] sent = new byte[1024];
        new Pattern(i).fill(sent, 0, sent.length);
        try (SshClient client = connect(); Session s = client.openSession()) {
            s.exec("echo " + i);
            s.getOutputStream().write(sent);
            s.getOutputStream().flush();
            s.shutdownOutput();
            byte[] got = s.getInputStream().readAllBytes();
            Session.ExitStatus status = s.waitFor(TIMEOUT);
            if (!Arrays.equals(sent, got)) {
                throw new IOException("echo differs: sent " + sent.length + " bytes, got " + got.length);
            }
            if (!status.success()) {
                throw new IOException("exit " + status);
            }
        }
    }

    /** The outcome of phase 2. */
    record StreamResult(int sessions, int verified, long bytesEachWay, double seconds) {
    }

    /**
     * Phase 2: {@code sessions} exec sessions spread over {@code connections} connections, each
     * writing {@code chunk}-byte pieces of its own pseudo-random pattern for {@code duration} while
     * a reader checks every echoed byte against the same pattern; then EOF, the rest of the echo,
     * and exit status 0. {@code duringLoad} runs once, halfway through.
     */
    StreamResult stream(int sessions, int connections, int chunk, Duration duration, Runnable duringLoad)
            throws Exception {
        List<SshClient> clients = new ArrayList<>();
        LongAdder bytes = new LongAdder();
        AtomicInteger verified = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try {
            for (int c = 0; c < connections; c++) {
                clients.add(connect());
            }
            for (int s = 0; s < sessions; s++) {
                SshClient client = clients.get(s % connections);
                int id = s;
                threads.add(Thread.ofVirtual().name("soak-session-" + s).start(() -> {
                    try {
                        oneStream(client, id, chunk, end, bytes);
                        verified.incrementAndGet();
                    } catch (Exception e) {
                        errors.add("session " + id + ": " + e);
                    }
                }));
            }
            long half = start + duration.toNanos() / 2;
            long report = start + Duration.ofSeconds(30).toNanos();
            boolean sampled = false;
            while (System.nanoTime() < end) {
                Thread.sleep(250);
                long now = System.nanoTime();
                if (!sampled && now >= half) {
                    duringLoad.run();
                    sampled = true;
                }
                if (now >= report) {
                    System.err.printf("  phase 2: %.0f s, %,d MiB echoed so far%n", (now - start) / 1e9,
                            bytes.sum() >> 20);
                    report += Duration.ofSeconds(30).toNanos();
                }
            }
            if (!sampled) {
                duringLoad.run();
            }
            for (Thread t : threads) {
                t.join(TIMEOUT.multipliedBy(2));
            }
        } finally {
            for (SshClient c : clients) {
                c.close();
            }
        }
        return new StreamResult(sessions, verified.get(), bytes.sum(), (System.nanoTime() - start) / 1e9);
    }

    private void oneStream(SshClient client, int id, int chunk, long end, LongAdder bytes) throws Exception {
        try (Session s = client.openSession()) {
            s.exec("stream " + id);
            Pattern expected = new Pattern(1_000_003L * id + 7);
            long[] received = {0};
            Exception[] readFailure = {null};
            Thread reader = Thread.ofVirtual().name("soak-reader-" + id).start(() -> {
                byte[] buf = new byte[chunk];
                byte[] want = new byte[chunk];
                try {
                    InputStream in = s.getInputStream();
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        expected.fill(want, 0, n);
                        if (!Arrays.equals(buf, 0, n, want, 0, n)) {
                            throw new IOException("echo differs near byte " + received[0]);
                        }
                        received[0] += n;
                        bytes.add(n);
                    }
                } catch (Exception e) {
                    readFailure[0] = e;
                }
            });
            Pattern pattern = new Pattern(1_000_003L * id + 7);
            byte[] buf = new byte[chunk];
            OutputStream out = s.getOutputStream();
            long sent = 0;
            while (System.nanoTime() < end) {
                pattern.fill(buf, 0, chunk);
                out.write(buf);
                out.flush();
                sent += chunk;
            }
            s.shutdownOutput();
            if (!reader.join(TIMEOUT)) {
                throw new IOException("the echo did not end within " + TIMEOUT);
            }
            if (readFailure[0] != null) {
                throw readFailure[0];
            }
            Session.ExitStatus status = s.waitFor(TIMEOUT);
            if (received[0] != sent) {
                throw new IOException("sent " + sent + " bytes, " + received[0] + " echoed");
            }
            if (!status.success()) {
                throw new IOException("exit " + status);
            }
        }
    }

    /** A reproducible byte stream (xorshift64*), so a reader can check an echo without keeping what was sent. */
    static final class Pattern {
        private long state;
        private long word;
        private int left;

        Pattern(long seed) {
            this.state = seed * 0x9E3779B97F4A7C15L | 1;
        }

        void fill(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (left == 0) {
                    state ^= state >>> 12;
                    state ^= state << 25;
                    state ^= state >>> 27;
                    word = state * 0x2545F4914F6CDD1DL;
                    left = 8;
                }
                b[i] = (byte) word;
                word >>>= 8;
                left--;
            }
        }
    }
}
