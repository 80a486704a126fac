package ssh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.auth.keys.PublicKeyFile;
import ssh.auth.keys.SshKeyGenerator;
import ssh.connection.SshServer;

/**
 * End-to-end bulk throughput over 127.0.0.1 for seven client/server pairs (secsh or OpenSSH on
 * each side; secsh at both ends with the Bouncy Castle provider chain; Apache MINA SSHD at both
 * ends; JSch into OpenSSH) and several ciphers, in both directions: an upload sends N bytes through
 * an exec channel that the far side drains, timed from the start of sending to the remote exit
 * status; a download runs a command on the far side that writes N bytes, which the client reads,
 * counts and discards, timed from the exec request (for {@code ssh}, whose request the harness
 * cannot see, from the first byte) to the last byte and the exit status. Prints a Markdown table
 * of MB/s (10^6 bytes per second) per direction, median and range over the runs, and writes
 * {@code bulk.csv} (see {@link Results}). See {@link #usage()}.
 */
public final class EndToEndThroughput {
    static final List<String> DEFAULT_CIPHERS = List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com", "aes128-ctr");
    static final String DEFAULT_MAC = "hmac-sha2-256-etm@openssh.com";
    static final String SSHD_DRAIN = "cat > /dev/null";
    /** The command (for sshd, the login shell's) that writes N zero bytes to stdout. */
    static final String SSHD_SOURCE = "head -c %d /dev/zero";
    /** The exec command of the secsh and MINA servers that writes N zero bytes to stdout. */
    static final String SOURCE = "source %d";

    /**
     * N for a {@link #SOURCE} command ({@code source N}), -1 for any other command (the servers
     * drain stdin).
     *
     * @throws IllegalArgumentException if N is malformed or negative
     */
    static long sourceBytes(String command) {
        if (!command.startsWith("source ")) {
            return -1;
        }
        long bytes;
        try {
            bytes = Long.parseLong(command.substring("source ".length()).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a byte count: " + command, e);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("not a byte count: " + command);
        }
        return bytes;
    }

    /**
     * The seven pairs, client first; {@code --pairs} numbers them in this order from 1. Pair 1 uses
     * the default provider chain (bulk ciphers and MACs from the JDK); pair 7 the same client and
     * server with the provider chain {@code bc} (everything from Bouncy Castle) at both ends.
     */
    enum Pair {
        SECSH_SECSH("secsh client → secsh server"),
        SECSH_SSHD("secsh client → OpenSSH sshd"),
        SSH_SECSH("OpenSSH ssh → secsh server"),
        SSH_SSHD("OpenSSH ssh → OpenSSH sshd"),
        MINA_MINA("MINA client → MINA server"),
        JSCH_SSHD("JSch → OpenSSH sshd"),
        SECSH_SECSH_BC("secsh client → secsh server (Bouncy Castle)");

        final String label;

        Pair(String label) {
            this.label = label;
        }

        /** All pairs in the order tables show them: the Bouncy Castle pair next to pair 1. */
        static List<Pair> shown() {
            return List.of(SECSH_SECSH, SECSH_SECSH_BC, SECSH_SSHD, SSH_SECSH, SSH_SSHD, MINA_MINA, JSCH_SSHD);
        }

        /** The provider chain of the secsh ends: null for the default. */
        String chain() {
            return this == SECSH_SECSH_BC ? "bc" : null;
        }
    }

    /** Which way the bytes go: client to server (upload) or server to client (download). */
    enum Direction {
        UPLOAD, DOWNLOAD;

        /** "upload" or "download", as in the CSV's {@code direction} column. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One table cell: the MB/s of each run, or why there are none. */
    record Cell(List<Double> rates, String note) {
    }

    /** A timed upload or download of {@code bytes} with {@code cipher}: seconds. */
    @FunctionalInterface
    interface Transfer {
        double seconds(String cipher, long bytes) throws Exception;
    }

    private final EndToEndOptions options;
    private final Path dir;
    private final String user = System.getProperty("user.name");
    private final AtomicBoolean cleaned = new AtomicBoolean();
    private final Results results;
    private SshServer server;
    private SshServer bcServer;
    private MinaPeers.Server mina;
    private OpenSshProcesses.Sshd sshd;
    private String sshdProblem;

    private EndToEndThroughput(EndToEndOptions options, Path dir, Results results) {
        this.options = options;
        this.dir = dir;
        this.results = results;
    }

    public static void main(String[] args) throws Exception {
        System.exit(exec(args));
    }

    /** Runs the harness as {@link #main} does; returns the exit status (0 ok, 1 a cell failed, 2 usage). */
    static int exec(String[] args) throws Exception {
        EndToEndOptions options;
        Results results;
        try {
            results = Results.of("bulk", args);
            args = results.rest();
            options = EndToEndOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("secsh-bench-e2e: " + e.getMessage() + "\n" + usage());
            return 2;
        }
        if (options.help()) {
            System.out.println(usage());
            return 0;
        }
        Path dir = Files.createTempDirectory("secsh-bench-e2e");
        EndToEndThroughput bench = new EndToEndThroughput(options, dir, results);
        Thread hook = new Thread(bench::cleanUp, "secsh-bench-e2e-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ok;
        try {
            ok = bench.run(args);
        } finally {
            bench.cleanUp();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        results.write();
        return ok ? 0 : 1;
    }

    static String usage() {
        return """
                usage: secsh-bench-e2e [--bytes N] [--runs R] [--ciphers C1,C2,...] [--mac MAC]
                                       [--pairs 1,2,3,4,5,6,7] [--direction upload|download|both]
                                       [--warmup N] [--quick] [--out DIR]
                  --bytes N     bytes sent per run, with K, M or G (binary) suffix; default 1G
                  --runs R      timed runs per pair and cipher; default 3
                  --ciphers L   default %s
                  --mac MAC     the MAC offered with every cipher (used by the non-AEAD ones); default %s
                  --pairs L     which pairs: 1 secsh->secsh, 2 secsh->sshd, 3 ssh->secsh, 4 ssh->sshd,
                                5 MINA->MINA (Apache MINA SSHD), 6 JSch->sshd,
                                7 secsh->secsh with the Bouncy Castle provider chain; default all
                  --direction D upload (client sends, far side drains), download (far side sends,
                                client reads and counts) or both; default both
                  --warmup N    an untimed transfer before each pair, direction and cipher's runs;
                                default 64M
                  --quick       16M, one run, the first cipher, no warm-up, both directions unless
                                --direction says otherwise (checks the harness works)
                  --out DIR     where bulk.csv and machine.txt go; default target/bench-results
                """.formatted(String.join(",", DEFAULT_CIPHERS), DEFAULT_MAC);
    }

    private boolean run(String[] args) throws Exception {
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        SshKeyPair userKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        SshKeyPair hostKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        Path identity = dir.resolve("id_ed25519");
        Path hostKeyFile = dir.resolve("host_ed25519");
        SshKeyGenerator.save(identity, userKey, "secsh-bench-e2e", null, crypto);
        SshKeyGenerator.save(hostKeyFile, hostKey, "secsh-bench-e2e host", null, crypto);
        Path authorizedKeys = Files.writeString(dir.resolve("authorized_keys"),
                PublicKeyFile.line(userKey.publicKey(), "secsh-bench-e2e") + "\n");
        List<String> macs = List.of(options.mac());

        Optional<Path> ssh = OpenSshProcesses.ssh();
        Optional<Path> sshdPath = OpenSshProcesses.sshd();
        if (options.pairs().contains(Pair.SECSH_SECSH) || options.pairs().contains(Pair.SSH_SECSH)) {
            server = SecshPeers.startServer(hostKey, userKey.publicKey(), options.ciphers(), macs, null);
        }
        if (options.pairs().contains(Pair.SECSH_SECSH_BC)) {
            bcServer = SecshPeers.startServer(hostKey, userKey.publicKey(), options.ciphers(), macs, "bc");
        }
        if (options.pairs().contains(Pair.MINA_MINA)) {
            mina = MinaPeers.startServer(dir, options.ciphers(), options.mac());
        }
        if (sshdPath.isPresent() && options.pairs().stream().anyMatch(EndToEndThroughput::needsSshd)) {
            try {
                sshd = OpenSshProcesses.Sshd.start(sshdPath.get(), dir, hostKeyFile, authorizedKeys);
            } catch (IOException e) {
                sshdProblem = "n/a (sshd did not start)";
                System.err.println("sshd did not start: " + e.getMessage());
            }
        }

        Map<Direction, Map<Pair, Map<String, Cell>>> tables = new LinkedHashMap<>();
        boolean ok = true;
        for (Pair pair : options.pairs()) {
            String missing = missing(pair, ssh.isPresent(), sshdPath.isPresent());
            for (Direction direction : options.directions()) {
                Map<String, Cell> row = new LinkedHashMap<>();
                tables.computeIfAbsent(direction, d -> new LinkedHashMap<>()).put(pair, row);
                Transfer transfer = missing != null ? null : direction == Direction.UPLOAD
                        ? upload(pair, ssh.orElse(null), identity, hostKey.publicKey(), userKey)
                        : download(pair, ssh.orElse(null), identity, hostKey.publicKey(), userKey);
                for (String cipher : options.ciphers()) {
                    String na = transfer == null ? missing : unsupported(pair, cipher);
                    Cell cell = na != null ? new Cell(List.of(), na) : measure(pair, direction, cipher, transfer);
                    ok &= cell.note() == null || cell.note().startsWith("n/a");
                    row.put(cipher, cell);
                    results.cell("throughput", pair.label, columnName(cipher), "", direction.label(), cell.rates(),
                            "MB/s", cell.note());
                }
            }
        }
        System.out.println(report(tables, args));
        return ok;
    }

    /** Client writes {@code n} bytes, the far side drains them. */
    private Transfer upload(Pair pair, Path ssh, Path identity, SshPublicKey hostKey, SshKeyPair userKey) {
        String mac = options.mac();
        return switch (pair) {
            case SECSH_SECSH -> (c, n) -> SecshPeers.upload(server.port(), hostKey, user, userKey, c, mac, "drain", n,
                    null);
            case SECSH_SECSH_BC -> (c, n) -> SecshPeers.upload(bcServer.port(), hostKey, user, userKey, c, mac,
                    "drain", n, "bc");
            case SECSH_SSHD -> (c, n) -> SecshPeers.upload(sshd.port, hostKey, user, userKey, c, mac, SSHD_DRAIN, n,
                    null);
            case SSH_SECSH -> (c, n) -> OpenSshProcesses.upload(ssh, server.port(), identity, user, c, mac, "drain",
                    n, dir.resolve("ssh.err"));
            case SSH_SSHD -> (c, n) -> OpenSshProcesses.upload(ssh, sshd.port, identity, user, c, mac, SSHD_DRAIN, n,
                    dir.resolve("ssh.err"));
            case MINA_MINA -> (c, n) -> MinaPeers.upload(mina, c, mac, "drain", n);
            case JSCH_SSHD -> (c, n) -> JschPeers.upload(sshd.port, PublicKeyFile.line(hostKey, "host"), identity,
                    user, c, mac, SSHD_DRAIN, n);
        };
    }

    /** The far side writes {@code n} bytes ({@link #SOURCE}, {@link #SSHD_SOURCE}), the client reads and counts them. */
    private Transfer download(Pair pair, Path ssh, Path identity, SshPublicKey hostKey, SshKeyPair userKey) {
        String mac = options.mac();
        return switch (pair) {
            case SECSH_SECSH -> (c, n) -> SecshPeers.download(server.port(), hostKey, user, userKey, c, mac,
                    SOURCE.formatted(n), n, null);
            case SECSH_SECSH_BC -> (c, n) -> SecshPeers.download(bcServer.port(), hostKey, user, userKey, c, mac,
                    SOURCE.formatted(n), n, "bc");
            case SECSH_SSHD -> (c, n) -> SecshPeers.download(sshd.port, hostKey, user, userKey, c, mac,
                    SSHD_SOURCE.formatted(n), n, null);
            case SSH_SECSH -> (c, n) -> OpenSshProcesses.download(ssh, server.port(), identity, user, c, mac,
                    SOURCE.formatted(n), n, dir.resolve("ssh.err"));
            case SSH_SSHD -> (c, n) -> OpenSshProcesses.download(ssh, sshd.port, identity, user, c, mac,
                    SSHD_SOURCE.formatted(n), n, dir.resolve("ssh.err"));
            case MINA_MINA -> (c, n) -> MinaPeers.download(mina, c, mac, SOURCE.formatted(n), n);
            case JSCH_SSHD -> (c, n) -> JschPeers.download(sshd.port, PublicKeyFile.line(hostKey, "host"), identity,
                    user, c, mac, SSHD_SOURCE.formatted(n), n);
        };
    }

    /** Why {@code pair} cannot run, or null. */
    private String missing(Pair pair, boolean haveSsh, boolean haveSshd) {
        boolean needSsh = pair == Pair.SSH_SECSH || pair == Pair.SSH_SSHD;
        boolean needSshd = needsSshd(pair);
        if ((needSsh && !haveSsh) || (needSshd && !haveSshd)) {
            return "n/a (not installed)";
        }
        return needSshd && sshd == null ? sshdProblem : null;
    }

    private static boolean needsSshd(Pair pair) {
        return pair == Pair.SECSH_SSHD || pair == Pair.SSH_SSHD || pair == Pair.JSCH_SSHD;
    }

    /** "n/a (unsupported)" if the pair's third-party peer lacks {@code cipher} or the MAC; else null. */
    private String unsupported(Pair pair, String cipher) {
        return switch (pair) {
            case MINA_MINA -> MinaPeers.unsupported(cipher, options.mac());
            case JSCH_SSHD -> JschPeers.unsupported(cipher, options.mac());
            default -> null;
        };
    }

    private Cell measure(Pair pair, Direction direction, String cipher, Transfer transfer) {
        String what = pair.label + ", " + direction.label() + ", " + cipher;
        try {
            if (options.warmup() > 0) {
                transfer.seconds(cipher, options.warmup());
            }
            List<Double> rates = new ArrayList<>();
            for (int i = 1; i <= options.runs(); i++) {
                double seconds = transfer.seconds(cipher, options.bytes());
                double rate = options.bytes() / 1e6 / seconds;
                rates.add(rate);
                System.err.printf(Locale.ROOT, "%s: run %d/%d: %.3f s, %.1f MB/s%n", what, i, options.runs(),
                        seconds, rate);
            }
            return new Cell(rates, null);
        } catch (Exception e) {
            System.err.println(what + ": failed: " + e);
            if (sshd != null && needsSshd(pair)) {
                String log = sshd.log().strip();
                System.err.println("sshd log (end): " + log.substring(Math.max(0, log.length() - 2000)));
            }
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return new Cell(List.of(), "failed: " + (message.length() > 80 ? message.substring(0, 80) + "..." : message)
                    .replace('|', '/'));
        }
    }

    private String report(Map<Direction, Map<Pair, Map<String, Cell>>> tables, String[] args) {
        StringBuilder out = new StringBuilder();
        String launcher = System.getProperty("secsh.bench.command",
                "java -cp ssh.bench/target/benchmarks.jar ssh.bench.EndToEndThroughput");
        out.append("\nCommand: `").append(launcher).append(args.length == 0 ? "" : " " + String.join(" ", args))
                .append("`\n");
        out.append("Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append('\n');
        out.append("Machine: ").append(machine()).append('\n');
        out.append(String.format(Locale.ROOT, "%s per run (%,d bytes), %d run(s)%s, 127.0.0.1; "
                        + "MB/s = 10^6 bytes/s, median (min-max)%n", EndToEndOptions.human(options.bytes()),
                options.bytes(), options.runs(),
                options.warmup() > 0 ? " after a " + EndToEndOptions.human(options.warmup()) + " warm-up" : ""));
        tables.forEach((direction, table) -> {
            out.append("\n").append(direction == Direction.UPLOAD ? "Upload (client sends, far side drains):"
                    : "Download (far side sends, client reads and counts):").append("\n\n| pair |");
            options.ciphers().forEach(c -> out.append(' ').append(columnName(c)).append(" |"));
            out.append("\n| --- |");
            options.ciphers().forEach(c -> out.append(" ---: |"));
            out.append('\n');
            table.forEach((pair, row) -> {
                out.append("| ").append(pair.label).append(" |");
                row.values().forEach(cell -> out.append(' ').append(format(cell)).append(" |"));
                out.append('\n');
            });
        });
        return out.toString();
    }

    private String columnName(String cipher) {
        boolean aead = cipher.contains("gcm") || cipher.contains("poly1305");
        return aead ? cipher : cipher + " + " + options.mac();
    }

    static String format(Cell cell) {
        if (cell.note() != null) {
            return cell.note();
        }
        return Results.medianRange(cell.rates(), "%,.0f");
    }

    /** CPU model, cores, RAM, JDK, OS and OpenSSH version. */
    static String machine() {
        return Machine.oneLine();
    }

    /** Stops the servers and deletes the temp directory; safe to call twice. */
    private void cleanUp() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
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
