package ssh.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import ssh.api.HostKeyVerifier;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.auth.keys.SshKeyGenerator;
import ssh.connection.SshServer;

/**
 * A soak test: one long-running JVM with an {@link SshServer} and many {@link ssh.connection.SshClient}s,
 * checking that nothing leaks. Phase 1 repeats connect, password login, exec with 1 KiB echoed,
 * close; phase 2 keeps many sessions on a few connections streaming checked data for a while.
 * Before, between and after, with everything closed, it records platform threads, open file
 * descriptors, heap used after GC and RSS, prints them as a Markdown table, and checks the first
 * three against the baseline ({@link SoakCheckpoints}). Exits 0 only if every check passes.
 * {@code --server-only} and {@code --client-only} split the two sides over two processes. See
 * {@link #usage()}.
 */
public final class Soak {
    /** Cycles and a short stream run before the baseline, so class loading and lazily started pools are not counted. */
    static final int WARMUP_CYCLES = 20;
    static final Duration WARMUP_STREAM = Duration.ofSeconds(2);

    int cycles = 2000;
    int parallel = 1;
    int sessions = 200;
    int connections = 20;
    int chunk = 16 * 1024;
    Duration duration = Duration.ofMinutes(3);
    String host = "127.0.0.1";
    int serverOnly = -1;
    int clientOnly = -1;

    Soak() {
    }

    public static void main(String[] args) throws Exception {
        Soak soak = new Soak();
        try {
            soak.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("secsh-soak: " + e.getMessage());
            System.err.print(usage());
            System.exit(2);
        }
        boolean pass = soak.serverOnly >= 0 ? soak.runServerOnly() : soak.runClients();
        System.exit(pass ? 0 : 1);
    }

    static String usage() {
        return """
                usage: secsh-soak [--cycles N] [--parallel P] [--sessions M] [--connections C]
                                  [--duration D] [--chunk BYTES] [--quick]
                                  [--server-only PORT | --client-only PORT [--host H]]
                  --cycles N        phase 1: connect, log in, exec with 1 KiB echoed, close; default 2000
                  --parallel P      phase 1 cycles run P at a time; default 1
                  --sessions M      phase 2: sessions streaming checked data at once; default 200
                  --connections C   phase 2: the connections the sessions share; default 20
                  --duration D      phase 2 length: 90s, 3m, 1h or ISO-8601 (PT3M); default 3m
                  --chunk BYTES     phase 2 write size; default 16384
                  --quick           100 cycles, 10 sessions on 2 connections, 10 s (checks the harness)
                  --server-only P   run only the server on 127.0.0.1 port P (0: any) until stdin ends,
                                    then check this JVM against its baseline
                  --client-only P   run only the clients, against H:P (the host key is not checked)
                Exit status 0 only if every cycle and session succeeded and, after everything was
                closed, platform threads, open fds and heap after GC are back near the baseline
                (+%d threads, +%d fds, +%d MiB).
                """.formatted(SoakCheckpoints.THREAD_SLACK, SoakCheckpoints.FD_SLACK,
                SoakCheckpoints.HEAP_SLACK >> 20);
    }

    void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                cycles = 100;
                sessions = 10;
                connections = 2;
                duration = Duration.ofSeconds(10);
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(usage());
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--cycles" -> cycles = positive(a, v, 0);
                case "--parallel" -> parallel = positive(a, v, 1);
                case "--sessions" -> sessions = positive(a, v, 0);
                case "--connections" -> connections = positive(a, v, 1);
                case "--chunk" -> chunk = positive(a, v, 1);
                case "--duration" -> duration = duration(v);
                case "--host" -> host = v;
                case "--server-only" -> serverOnly = positive(a, v, 0);
                case "--client-only" -> clientOnly = positive(a, v, 1);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (serverOnly >= 0 && clientOnly >= 0) {
            throw new IllegalArgumentException("--server-only and --client-only exclude each other");
        }
        connections = Math.max(1, Math.min(connections, Math.max(1, sessions)));
        if ((sessions + connections - 1) / connections > SoakLoad.LIMITS.maxChannels()) {
            throw new IllegalArgumentException("more than " + SoakLoad.LIMITS.maxChannels()
                    + " sessions per connection: raise --connections");
        }
    }

    private static int positive(String option, String value, int min) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " needs a whole number of at least " + min + ": " + value);
    }

    static Duration duration(String v) {
        try {
            if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(v);
            }
            char unit = Character.toLowerCase(v.charAt(v.length() - 1));
            String digits = Character.isDigit(unit) ? v : v.substring(0, v.length() - 1);
            long n = Long.parseLong(digits);
            return switch (unit) {
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> {
                    if (unit != 's' && !Character.isDigit(unit)) {
                        throw new IllegalArgumentException("unit");
                    }
                    yield Duration.ofSeconds(n);
                }
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--duration: not a duration (90s, 3m, 1h, PT3M): " + v);
        }
    }

    private static SshKeyPair hostKey() throws Exception {
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        return SshKeyGenerator.generate("ssh-ed25519", crypto);
    }

    private static void header(String what) {
        System.out.printf("# secsh soak: %s%n%n%s, %s %s, %d CPUs, max heap %s%n%n", what,
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), System.getProperty("java.vm.name"),
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                SoakCheckpoints.mib(Runtime.getRuntime().maxMemory()));
    }

    /** Both sides in this JVM (the default), or with --client-only the clients against another process's server. */
    boolean runClients() throws Exception {
        header(clientOnly > 0 ? "clients only, server at " + host + ":" + clientOnly : "server and clients in one JVM");
        System.out.printf("phase 1: %d cycles, %d at a time; phase 2: %d sessions on %d connections, %s, %d-byte writes%n%n",
                cycles, parallel, sessions, connections, duration, chunk);
        SoakCheckpoints points = new SoakCheckpoints();
        SshServer server = null;
        SoakLoad load;
        if (clientOnly > 0) {
            HostKeyVerifier any = (h, p, key) -> true;
            load = new SoakLoad(host, clientOnly, any);
        } else {
            SshKeyPair key = hostKey();
            server = SoakLoad.startServer(key, 0);
            load = new SoakLoad("127.0.0.1", server.port(), (h, p, k) -> k.equals(key.publicKey()));
        }
        try {
            warmUp(load);
            points.baseline("baseline (after warm-up)");
            long t0 = System.nanoTime();
            int ok = load.cycles(cycles, parallel);
            double s1 = (System.nanoTime() - t0) / 1e9;
            System.err.printf("phase 1: %d/%d cycles in %.1f s (%.1f per second)%n", ok, cycles, s1, cycles / s1);
            points.add("phase 1: cycles succeeded", ok == cycles, String.format(Locale.ROOT,
                    "%d of %d in %.1f s (%.1f per second)", ok, cycles, s1, cycles / s1));
            points.settled("after phase 1");
            SoakLoad.StreamResult r = load.stream(sessions, connections, chunk, duration,
                    () -> points.sample("phase 2 under load"));
            System.err.printf("phase 2: %d/%d sessions verified, %,d MiB echoed in %.1f s%n", r.verified(),
                    r.sessions(), r.bytesEachWay() >> 20, r.seconds());
            points.add("phase 2: sessions verified", r.verified() == r.sessions(), String.format(Locale.ROOT,
                    "%d of %d; %,d MiB each way in %.1f s (%.1f MB/s echoed)", r.verified(), r.sessions(),
                    r.bytesEachWay() >> 20, r.seconds(), r.bytesEachWay() / r.seconds() / 1e6));
            if (server != null) {
                server.close();
                server = null;
                points.settled("after phase 2, server closed");
            } else {
                points.settled("after phase 2");
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        printErrors(load);
        System.out.print(points.report());
        return points.allPass();
    }

    /** Only the server: checkpoints are this JVM's; it stops when stdin ends (Ctrl-D, or the writer closing it). */
    private boolean runServerOnly() throws Exception {
        header("server only");
        SshKeyPair key = hostKey();
        SoakCheckpoints points = new SoakCheckpoints();
        SshServer server = SoakLoad.startServer(key, serverOnly);
        try {
            SoakLoad self = new SoakLoad("127.0.0.1", server.port(), (h, p, k) -> k.equals(key.publicKey()));
            warmUp(self);
            points.baseline("baseline (after warm-up)");
            System.out.printf("listening on 127.0.0.1 port %d; end stdin to stop%n%n", server.port());
            System.out.flush();
            Thread sampler = Thread.ofPlatform().daemon().name("soak-sampler").start(() -> {
                try {
                    while (true) {
                        Thread.sleep(30_000);
                        sampleLine();
                    }
                } catch (InterruptedException e) {
                    // stopping
                }
            });
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // wait for the end of stdin
            }
            sampler.interrupt();
            sampler.join();
            printErrors(self);
        } finally {
            server.close();
        }
        points.settled("after clients and server closed");
        System.out.print(points.report());
        return points.allPass();
    }

    /** A progress line on stderr (heap without GC). */
    private static void sampleLine() {
        System.err.printf("  %s: %d platform threads, %d fds, heap %s, RSS %s%n",
                ZonedDateTime.now().toLocalTime().withNano(0), SoakCheckpoints.platformThreads(),
                SoakCheckpoints.openFds(), SoakCheckpoints.mib(Runtime.getRuntime().totalMemory()
                        - Runtime.getRuntime().freeMemory()), SoakCheckpoints.mib(SoakCheckpoints.rss()));
    }

    private void warmUp(SoakLoad load) throws Exception {
        int ok = load.cycles(WARMUP_CYCLES, parallel);
        SoakLoad.StreamResult r = load.stream(Math.min(Math.max(sessions, 1), 10), Math.min(connections, 2), chunk,
                WARMUP_STREAM, () -> { });
        if (ok != WARMUP_CYCLES || r.verified() != r.sessions()) {
            printErrors(load);
            throw new IllegalStateException("the warm-up failed: " + ok + "/" + WARMUP_CYCLES + " cycles, "
                    + r.verified() + "/" + r.sessions() + " sessions");
        }
    }

    private static void printErrors(SoakLoad load) {
        int n = 0;
        for (String e : load.errors) {
            if (n++ < 10) {
                System.err.println("  error: " + e);
            }
        }
        if (n > 10) {
            System.err.println("  ... " + (n - 10) + " more errors");
        }
        if (n > 0) {
            System.out.printf("%d errors (the first are on stderr)%n%n", n);
        }
    }
}
