package ssh.bench;

import com.jcraft.jsch.JSch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.auth.keys.PublicKeyFile;
import ssh.auth.keys.SshKeyGenerator;
import ssh.bench.EndToEndThroughput.Pair;
import ssh.connection.SshServer;

/**
 * Complete connections per second over 127.0.0.1: connect, key exchange (one method offered),
 * Ed25519 host key, Ed25519 public-key login, {@code exec true} (a Java handler returning 0 on the
 * secsh and MINA servers, {@code true} under sshd), close; for the six pairs of
 * {@link EndToEndThroughput}, sequentially and with P in parallel. For {@code ssh} each connection
 * is one process, timed from its start to its exit. Prints Markdown tables: connections per second
 * and latency percentiles, and the ratio of connections per second to OpenSSH's ssh → sshd; writes
 * {@code handshake.csv} (conn/s per cell, and each connection's latency; see {@link Results}).
 */
public final class Handshakes {
    static final List<String> KEXES = List.of("curve25519-sha256", "mlkem768x25519-sha256",
            "sntrup761x25519-sha512@openssh.com");

    record Options(int count, int parallel, int warmup, double warmupSeconds, List<String> kexes, List<Pair> pairs,
            boolean sequential) {
        static Options parse(String[] args) {
            int count = 200;
            int parallel = 8;
            int warmup = 20;
            // The JIT needs a few hundred handshakes to compile the connection's one-off paths; an
            // equal warm-up time per cell gives every pair the same chance, whatever its speed.
            double warmupSeconds = 3;
            boolean quick = false;
            Integer countSet = null;
            List<String> kexes = null;
            List<Pair> pairs = Pair.shown();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = a.startsWith("--") && !a.equals("--quick") ? value(args, ++i, a) : null;
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--count" -> countSet = Integer.parseInt(v);
                    case "--parallel" -> parallel = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--warmup-time" -> warmupSeconds = Double.parseDouble(v);
                    case "--kex" -> kexes = Arrays.stream(v.split(",")).map(String::strip).toList();
                    case "--pairs" -> pairs = Arrays.stream(v.split(",")).map(s -> Pair.values()[Integer.parseInt(
                            s.strip()) - 1]).distinct().toList();
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (quick) {
                return new Options(countSet != null ? countSet : 20, 1, Math.min(warmup, 5), 0,
                        kexes != null ? kexes : KEXES.subList(0, 1), pairs, true);
            }
            count = countSet != null ? countSet : count;
            if (count < 1 || parallel < 1 || warmup < 0 || !(warmupSeconds >= 0)) {
                throw new IllegalArgumentException("--count and --parallel must be positive, --warmup and "
                        + "--warmup-time not negative");
            }
            return new Options(count, parallel, warmup, warmupSeconds, kexes != null ? kexes : KEXES, pairs, true);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }

    /** One connection, start to close. */
    @FunctionalInterface
    interface Connection {
        void run(int worker) throws Exception;
    }

    /** One cell: latencies in ns and the wall time of all of them, or why there are none. */
    record Cell(List<Long> latencies, long wallNanos, String note) {
        double perSecond() {
            return latencies.size() / (wallNanos / 1e9);
        }

        double percentileMs(double p) {
            List<Long> s = latencies.stream().sorted().toList();
            int i = (int) Math.ceil(p / 100 * s.size()) - 1;
            return s.get(Math.max(0, Math.min(s.size() - 1, i))) / 1e6;
        }
    }

    private final Options options;
    private final Path dir;
    private final String user = System.getProperty("user.name");
    private final Results results;
    private SshServer server;
    private SshServer bcServer;
    private HandshakesPeers.Mina mina;
    private OpenSshProcesses.Sshd sshd;

    private Handshakes(Options options, Path dir, Results results) {
        this.options = options;
        this.dir = dir;
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        System.exit(exec(args));
    }

    /** Runs the harness as {@link #main} does; returns the exit status (0 ok, 1 a cell failed, 2 usage). */
    static int exec(String[] args) throws Exception {
        String usage = "usage: secsh-bench-handshake [--count N (200)] [--parallel P (8; 1: sequential only)] "
                + "[--warmup W (20)] [--warmup-time S (3; untimed connections go on for at least S seconds)] [--kex K1,K2 (" + String.join(",", KEXES) + ")] [--pairs 1,..,7 (1 secsh->secsh, "
                + "2 secsh->sshd, 3 ssh->secsh, 4 ssh->sshd, 5 MINA->MINA, 6 JSch->sshd, 7 secsh->secsh with the "
                + "Bouncy Castle provider chain)] [--quick (20 connections, sequential, curve25519-sha256)] "
                + "[--out DIR (target/bench-results)]";
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(usage);
            return 0;
        }
        Options options;
        Results results;
        try {
            results = Results.of("handshake", args);
            args = results.rest();
            options = Options.parse(args);
        } catch (RuntimeException e) {
            System.err.println("secsh-bench-handshake: " + e.getMessage() + "\n" + usage);
            return 2;
        }
        Path dir = Files.createTempDirectory("secsh-bench-handshake");
        Handshakes bench = new Handshakes(options, dir, results);
        boolean ok;
        try {
            ok = bench.run(args);
        } finally {
            bench.cleanUp();
        }
        results.write();
        return ok ? 0 : 1;
    }

    private boolean run(String[] args) throws Exception {
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        SshKeyPair userKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        SshKeyPair hostKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        Path identity = dir.resolve("id_ed25519");
        Path hostKeyFile = dir.resolve("host_ed25519");
        SshKeyGenerator.save(identity, userKey, "secsh-bench-handshake", null, crypto);
        SshKeyGenerator.save(hostKeyFile, hostKey, "secsh-bench-handshake host", null, crypto);
        Path authorizedKeys = Files.writeString(dir.resolve("authorized_keys"),
                PublicKeyFile.line(userKey.publicKey(), "secsh-bench-handshake") + "\n");
        Optional<Path> ssh = OpenSshProcesses.ssh();
        List<String> openSshKex = OpenSshProcesses.query("kex");
        server = HandshakesPeers.secshServer(hostKey, userKey.publicKey(), null);
        if (options.pairs().contains(Pair.SECSH_SECSH_BC)) {
            bcServer = HandshakesPeers.secshServer(hostKey, userKey.publicKey(), "bc");
        }
        if (options.pairs().contains(Pair.MINA_MINA)) {
            mina = new HandshakesPeers.Mina(hostKeyFile, identity, options.kexes());
        }
        Optional<Path> sshdPath = OpenSshProcesses.sshd();
        String sshdProblem = sshdPath.isEmpty() ? "n/a (sshd not installed)" : null;
        if (sshdPath.isPresent()) {
            try {
                sshd = OpenSshProcesses.Sshd.start(sshdPath.get(), dir, hostKeyFile, authorizedKeys);
            } catch (IOException e) {
                sshdProblem = "n/a (sshd did not start)";
                System.err.println(e.getMessage());
            }
        }
        JSch jsch = sshd == null ? null : HandshakesPeers.jsch(sshd.port,
                PublicKeyFile.line(hostKey.publicKey(), "host"), identity);

        List<Integer> modes = options.sequential() && options.parallel() > 1 && !isQuick(args)
                ? List.of(1, options.parallel()) : List.of(1);
        Map<Integer, Map<Pair, Map<String, Cell>>> tables = new LinkedHashMap<>();
        boolean ok = true;
        for (int mode : modes) {
            Map<Pair, Map<String, Cell>> table = new LinkedHashMap<>();
            tables.put(mode, table);
            for (Pair pair : options.pairs()) {
                Map<String, Cell> row = new LinkedHashMap<>();
                table.put(pair, row);
                for (String kex : options.kexes()) {
                    String na = unavailable(pair, kex, ssh.isPresent(), sshdProblem, openSshKex);
                    Cell cell;
                    if (na != null) {
                        cell = new Cell(List.of(), 0, na);
                    } else {
                        Connection c = connection(pair, kex, ssh, identity, hostKey, userKey, jsch);
                        cell = measure(pair.label + ", " + kex + ", " + mode + " at a time", c, mode);
                    }
                    ok &= cell.note() == null || cell.note().startsWith("n/a");
                    row.put(kex, cell);
                    record(pair, kex, mode, cell);
                }
            }
        }
        System.out.println(report(tables, args));
        return ok;
    }

    /** The cell's conn/s (one row) and each connection's latency in ms (one row each) into the CSV. */
    private void record(Pair pair, String kex, int mode, Cell cell) {
        String setting = mode == 1 ? "sequential" : mode + " in parallel";
        if (cell.note() != null) {
            results.none("conn/s", pair.label, kex, setting, "", "conn/s", cell.note());
            results.none("latency", pair.label, kex, setting, "", "ms", cell.note());
            return;
        }
        results.add("conn/s", pair.label, kex, setting, "", 1, cell.perSecond(), "conn/s");
        results.cell("latency", pair.label, kex, setting, "", cell.latencies().stream().map(ns -> ns / 1e6).toList(),
                "ms", null);
    }

    private static boolean isQuick(String[] args) {
        return Arrays.asList(args).contains("--quick");
    }

    private String unavailable(Pair pair, String kex, boolean haveSsh, String sshdProblem, List<String> openSshKex) {
        boolean client = pair == Pair.SSH_SECSH || pair == Pair.SSH_SSHD;
        boolean serverSshd = pair == Pair.SECSH_SSHD || pair == Pair.SSH_SSHD || pair == Pair.JSCH_SSHD;
        if (client && !haveSsh) {
            return "n/a (ssh not installed)";
        }
        if (serverSshd && sshd == null) {
            return sshdProblem;
        }
        if ((client || serverSshd) && !openSshKex.contains(kex)) {
            return "n/a (OpenSSH lacks it)";
        }
        return switch (pair) {
            case MINA_MINA -> HandshakesPeers.minaUnsupported(kex);
            case JSCH_SSHD -> HandshakesPeers.jschUnsupported(kex);
            default -> null;
        };
    }

    private Connection connection(Pair pair, String kex, Optional<Path> ssh, Path identity, SshKeyPair hostKey,
            SshKeyPair userKey, JSch jsch) {
        return switch (pair) {
            case SECSH_SECSH -> w -> HandshakesPeers.secsh(server.port(), hostKey.publicKey(), user, userKey, kex,
                    "true", null);
            case SECSH_SECSH_BC -> w -> HandshakesPeers.secsh(bcServer.port(), hostKey.publicKey(), user, userKey, kex,
                    "true", "bc");
            case SECSH_SSHD -> w -> HandshakesPeers.secsh(sshd.port, hostKey.publicKey(), user, userKey, kex, "true",
                    null);
            case SSH_SECSH -> w -> HandshakesPeers.ssh(ssh.get(), server.port(), identity, user, kex,
                    dir.resolve("ssh" + w + ".err"));
            case SSH_SSHD -> w -> HandshakesPeers.ssh(ssh.get(), sshd.port, identity, user, kex,
                    dir.resolve("ssh" + w + ".err"));
            case MINA_MINA -> {
                org.apache.sshd.client.SshClient client = mina.client(kex);
                yield w -> mina.connect(client, user, kex);
            }
            case JSCH_SSHD -> w -> HandshakesPeers.jsch(jsch, sshd.port, user, kex);
        };
    }

    /**
     * Warm-up (untimed: at least {@code warmup} connections and {@code warmupSeconds}), then
     * {@code count} connections, {@code parallel} at a time.
     */
    private Cell measure(String what, Connection c, int parallel) {
        try {
            long warmupEnd = System.nanoTime() + (long) (options.warmupSeconds() * 1e9);
            for (int i = 0; i < options.warmup() || System.nanoTime() < warmupEnd; i++) {
                c.run(0);
            }
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger tickets = new AtomicInteger(options.count());
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < parallel; w++) {
                    int worker = w;
                    workers.add(pool.submit(() -> {
                        while (tickets.getAndDecrement() > 0) {
                            long t = System.nanoTime();
                            c.run(worker);
                            latencies.add(System.nanoTime() - t);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : workers) {
                    f.get();
                }
            }
            Cell cell = new Cell(List.copyOf(latencies), System.nanoTime() - start, null);
            System.err.printf(Locale.ROOT, "%s: %d in %.2f s, %.1f/s, p50 %.1f ms%n", what, options.count(),
                    cell.wallNanos() / 1e9, cell.perSecond(), cell.percentileMs(50));
            return cell;
        } catch (Exception e) {
            Throwable t = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println(what + ": failed: " + t);
            if (sshd != null) {
                String log = sshd.log().strip();
                System.err.println("sshd log (end): " + log.substring(Math.max(0, log.length() - 1000)));
            }
            String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
            return new Cell(List.of(), 0, ("failed: " + (message.length() > 60 ? message.substring(0, 60) + "..."
                    : message)).replace('|', '/'));
        }
    }

    private String report(Map<Integer, Map<Pair, Map<String, Cell>>> tables, String[] args) {
        StringBuilder out = new StringBuilder();
        String launcher = System.getProperty("secsh.bench.command",
                "java -cp ssh.bench/target/benchmarks.jar ssh.bench.Handshakes");
        out.append("\nCommand: `").append(launcher).append(args.length == 0 ? "" : " " + String.join(" ", args))
                .append("`\n");
        out.append("Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append('\n');
        out.append("Machine: ").append(EndToEndThroughput.machine()).append('\n');
        out.append(String.format(Locale.ROOT, "%d connections per cell after untimed ones (at least %d, and at "
                + "least %s s); Ed25519 host and user "
                + "keys; 127.0.0.1. conn/s = connections / wall time of the cell; latency = one connection, "
                + "start to close; ratio = conn/s over ssh → sshd's with the same kex and parallelism%n",
                options.count(), options.warmup(), options.warmupSeconds()));
        tables.forEach((parallel, table) -> {
            out.append(String.format(Locale.ROOT, "%n%s%n%n", parallel == 1 ? "Sequential:"
                    : parallel + " in parallel:"));
            out.append("| pair | kex | conn/s | p50 ms | p90 ms | p99 ms | vs ssh → sshd |\n");
            out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
            Map<String, Cell> base = table.get(Pair.SSH_SSHD);
            table.forEach((pair, row) -> row.forEach((kex, cell) -> {
                out.append("| ").append(pair.label).append(" | ").append(kex).append(" | ");
                if (cell.note() != null) {
                    out.append(cell.note()).append(" | | | | |\n");
                    return;
                }
                Cell b = base == null ? null : base.get(kex);
                String ratio = b == null || b.note() != null ? "–"
                        : String.format(Locale.ROOT, "%.2f×", cell.perSecond() / b.perSecond());
                out.append(String.format(Locale.ROOT, "%.1f | %.1f | %.1f | %.1f | %s |%n", cell.perSecond(),
                        cell.percentileMs(50), cell.percentileMs(90), cell.percentileMs(99), ratio));
            }));
        });
        return out.toString();
    }

    private void cleanUp() {
        if (sshd != null) {
            sshd.close();
        }
        if (server != null) {
            server.close();
        }
        if (bcServer != null) {
            bcServer.close();
        }
        if (mina != null) {
            mina.close();
        }
        OpenSshProcesses.deleteTree(dir);
    }
}
