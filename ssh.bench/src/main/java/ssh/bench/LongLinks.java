package ssh.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.auth.ClientAuthConfig;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.KeyOptions;
import ssh.auth.keys.PublicKeyFile;
import ssh.auth.keys.SshKeyGenerator;
import ssh.connection.ChannelLimits;
import ssh.connection.Session;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/**
 * Long fat links: {@link EndToEndThroughput}'s bulk upload (one cipher, default 256 MiB) through
 * a {@link DelayProxy} in this JVM at several round-trip times, where the channel window rather
 * than the CPU sets the pace. Pairs: secsh to secsh with the default {@link ChannelLimits} (window
 * grows to 32 MiB) and with a fixed 2 MiB window on both sides, secsh to sshd, ssh to secsh, ssh to
 * sshd, and MINA to MINA. Prints a Markdown table of MB/s, median (range), with ratios to ssh→sshd,
 * and writes {@code longlink.csv} (see {@link Results}).
 */
public final class LongLinks {
    static final ChannelLimits FIXED_2M = new ChannelLimits(2 << 20, 2 << 20, 32 << 10, 64);
    private static final String CIPHER = "aes128-gcm@openssh.com";

    enum Pair {
        SECSH_SECSH("secsh → secsh (default: window grows to 32 MiB)"),
        SECSH_SECSH_FIXED("secsh → secsh (fixed 2 MiB window both sides)"),
        SECSH_SSHD("secsh → OpenSSH sshd"),
        SSH_SECSH("OpenSSH ssh → secsh"),
        SSH_SSHD("OpenSSH ssh → OpenSSH sshd"),
        MINA_MINA("MINA → MINA");

        final String label;

        Pair(String label) {
            this.label = label;
        }
    }

    /** A timed upload of {@code bytes} to the server behind {@code port}: seconds. */
    @FunctionalInterface
    interface Upload {
        double seconds(int port, long bytes) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        System.exit(exec(args));
    }

    /** Runs the harness as {@link #main} does; returns the exit status (0 ok, 1 a cell failed, 2 usage). */
    static int exec(String[] args) throws Exception {
        Results results = Results.of("longlink", args);
        args = results.rest();
        long bytes = 256L << 20;
        long warmup = 64L << 20;
        int runs = 2;
        List<Integer> rtts = List.of(50, 150);
        List<Pair> pairs = List.of(Pair.values());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    bytes = 16L << 20;
                    warmup = 0;
                    runs = 1;
                    rtts = List.of(50);
                }
                case "--bytes" -> bytes = EndToEndOptions.size(args[++i]);
                case "--warmup" -> warmup = EndToEndOptions.size(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--rtts" -> rtts = Stream.of(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--pairs" -> pairs = Stream.of(args[++i].split(",")).map(n -> Pair.values()[Integer.parseInt(n) - 1])
                        .toList();
                default -> {
                    System.err.println("""
                            usage: secsh-bench-longlink [--bytes 256M] [--runs 2] [--rtts 50,150] [--warmup 64M]
                                                        [--pairs 1,2,3,4,5,6] [--quick] [--out DIR]
                              pairs: 1 secsh->secsh, 2 secsh->secsh fixed 2 MiB window, 3 secsh->sshd,
                                     4 ssh->secsh, 5 ssh->sshd, 6 MINA->MINA
                              --quick  16M, one run, 50 ms only, no warm-up
                              --out    where longlink.csv and machine.txt go; default target/bench-results""");
                    return args[i].equals("--help") ? 0 : 2;
                }
            }
        }
        Path dir = Files.createTempDirectory("secsh-bench-longlink");
        Map<Pair, Map<Integer, EndToEndThroughput.Cell>> table = new LinkedHashMap<>();
        try {
            System.out.println(run(dir, bytes, warmup, runs, rtts, pairs, args, table));
        } finally {
            OpenSshProcesses.deleteTree(dir);
        }
        boolean ok = true;
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                String note = cell.getValue().note();
                ok &= note == null || note.startsWith("n/a");
                results.cell("throughput", row.getKey().label, CIPHER, "RTT " + cell.getKey() + " ms", "upload",
                        cell.getValue().rates(), "MB/s", note);
            }
        }
        results.write();
        return ok ? 0 : 1;
    }

    private static String run(Path dir, long bytes, long warmup, int runs, List<Integer> rtts, List<Pair> pairs,
            String[] args, Map<Pair, Map<Integer, EndToEndThroughput.Cell>> table) throws Exception {
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        SshKeyPair userKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        SshKeyPair hostKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        Path identity = dir.resolve("id_ed25519");
        Path hostKeyFile = dir.resolve("host_ed25519");
        SshKeyGenerator.save(identity, userKey, "secsh-bench-longlink", null, crypto);
        SshKeyGenerator.save(hostKeyFile, hostKey, "secsh-bench-longlink host", null, crypto);
        Path authorizedKeys = Files.writeString(dir.resolve("authorized_keys"),
                PublicKeyFile.line(userKey.publicKey(), "secsh-bench-longlink") + "\n");
        String user = System.getProperty("user.name");
        String mac = EndToEndThroughput.DEFAULT_MAC;
        Optional<Path> ssh = OpenSshProcesses.ssh();
        Optional<Path> sshdPath = OpenSshProcesses.sshd();

        try (SshServer secsh = startSecsh(hostKey, userKey, ChannelLimits.DEFAULT);
                SshServer fixed = startSecsh(hostKey, userKey, FIXED_2M);
                MinaPeers.Server mina = MinaPeers.startServer(dir, List.of(CIPHER), mac);
                OpenSshProcesses.Sshd sshd = OpenSshProcesses.Sshd.startOrNull(sshdPath, dir, hostKeyFile,
                        authorizedKeys)) {
            for (Pair pair : pairs) {
                Map<Integer, EndToEndThroughput.Cell> row = new LinkedHashMap<>();
                table.put(pair, row);
                boolean needSsh = pair == Pair.SSH_SECSH || pair == Pair.SSH_SSHD;
                boolean needSshd = pair == Pair.SECSH_SSHD || pair == Pair.SSH_SSHD;
                if ((needSsh && ssh.isEmpty()) || (needSshd && sshd == null)) {
                    String why = needSsh && ssh.isEmpty() || sshdPath.isEmpty() ? "n/a (not installed)"
                            : "n/a (sshd did not start)";
                    rtts.forEach(r -> row.put(r, new EndToEndThroughput.Cell(List.of(), why)));
                    continue;
                }
                int target = switch (pair) {
                    case SECSH_SECSH, SSH_SECSH -> secsh.port();
                    case SECSH_SECSH_FIXED -> fixed.port();
                    case SECSH_SSHD, SSH_SSHD -> sshd.port;
                    case MINA_MINA -> mina.port();
                };
                ChannelLimits clientLimits = pair == Pair.SECSH_SECSH_FIXED ? FIXED_2M : ChannelLimits.DEFAULT;
                String command = needSshd ? EndToEndThroughput.SSHD_DRAIN : "drain";
                Upload upload = switch (pair) {
                    case SECSH_SECSH, SECSH_SECSH_FIXED, SECSH_SSHD -> (port, n) ->
                            uploadSecsh(port, clientLimits, hostKey, user, userKey, command, n);
                    case SSH_SECSH, SSH_SSHD -> (port, n) -> OpenSshProcesses.upload(ssh.get(), port, identity, user, CIPHER,
                            mac, command, n, dir.resolve("ssh.err"));
                    case MINA_MINA -> (port, n) -> uploadMina(port, command, n);
                };
                if (warmup > 0) {
                    upload.seconds(target, warmup); // JIT warm-up, straight to the server, untimed
                }
                for (int rtt : rtts) {
                    row.put(rtt, measure(pair, rtt, target, upload, bytes, runs));
                }
            }
        }
        return report(table, rtts, bytes, runs, warmup, args);
    }

    private static EndToEndThroughput.Cell measure(Pair pair, int rtt, int target, Upload upload, long bytes, int runs) {
        List<Double> rates = new ArrayList<>();
        try (DelayProxy proxy = new DelayProxy(target, rtt / 2)) {
            for (int i = 1; i <= runs; i++) {
                double seconds = upload.seconds(proxy.port(), bytes);
                rates.add(bytes / 1e6 / seconds);
                System.err.printf(Locale.ROOT, "%s, %d ms: run %d/%d: %.2f s, %.1f MB/s%n", pair.label, rtt, i, runs,
                        seconds, bytes / 1e6 / seconds);
            }
            return new EndToEndThroughput.Cell(rates, null);
        } catch (Exception e) {
            System.err.println(pair.label + ", " + rtt + " ms: failed: " + e);
            String m = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return new EndToEndThroughput.Cell(List.of(), "failed: " + (m.length() > 60 ? m.substring(0, 60) + "..." : m)
                    .replace('|', '/'));
        }
    }

    static SshServer startSecsh(SshKeyPair hostKey, SshKeyPair userKey, ChannelLimits limits) throws IOException {
        return SshServer.builder().hostKey(hostKey).port(0).limits(limits)
                .auth(ServerAuthConfig.builder().publicKey((user, key, from) ->
                        key.equals(userKey.publicKey()) ? Optional.of(KeyOptions.NONE) : Optional.empty()).build())
                .exec(SecshPeers.DRAIN).shell(null).start();
    }

    /** As {@link SecshPeers#upload}, with the client's channel limits; any host key behind the proxy is the one we made. */
    static double uploadSecsh(int port, ChannelLimits limits, SshKeyPair hostKey, String user, SshKeyPair userKey,
            String command, long bytes) throws Exception {
        try (SshClient client = SshClient.builder("127.0.0.1", port).limits(limits)
                .hostKeyVerifier((h, p, key) -> key.equals(hostKey.publicKey()))
                .transport(b -> b.ciphers(CIPHER))
                .connect(ClientAuthConfig.builder(user).key(userKey).build());
                Session s = client.openSession()) {
            s.exec(command);
            Thread drainOut = Thread.ofVirtual().start(() -> drain(s.getInputStream()));
            Thread drainErr = Thread.ofVirtual().start(() -> drain(s.getErrorStream()));
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            SecshPeers.writeZeros(out, bytes);
            s.shutdownOutput();
            Session.ExitStatus status = s.waitFor(Duration.ofSeconds(OpenSshProcesses.timeoutSeconds(bytes)));
            long end = System.nanoTime();
            drainOut.join(Duration.ofSeconds(5));
            drainErr.join(Duration.ofSeconds(5));
            if (!status.success()) {
                throw new IOException("remote command ended with " + status);
            }
            return (end - start) / 1e9;
        }
    }

    /**
     * A MINA client upload to {@code port} (the proxy in front of {@link MinaPeers}' server):
     * password login, the clock from the first write after the channel opened to the exit status.
     */
    static double uploadMina(int port, String command, long bytes) throws Exception {
        org.apache.sshd.client.SshClient client = org.apache.sshd.client.SshClient.setUpDefaultClient();
        client.setCipherFactories(List.<NamedFactory<Cipher>>of(BuiltinCiphers.fromFactoryName(CIPHER)));
        client.setServerKeyVerifier((session, address, key) -> true);
        client.start();
        Duration setup = Duration.ofSeconds(30);
        try (ClientSession session = client.connect(MinaPeers.USER, "127.0.0.1", port).verify(setup).getSession()) {
            session.addPasswordIdentity(MinaPeers.PASSWORD);
            session.auth().verify(setup);
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(OutputStream.nullOutputStream());
                channel.setErr(OutputStream.nullOutputStream());
                channel.open().verify(setup);
                OutputStream out = channel.getInvertedIn();
                long start = System.nanoTime();
                SecshPeers.writeZeros(out, bytes);
                out.close();
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.EXIT_STATUS,
                        ClientChannelEvent.CLOSED), Duration.ofSeconds(OpenSshProcesses.timeoutSeconds(bytes)));
                long end = System.nanoTime();
                Integer status = channel.getExitStatus();
                if (!events.contains(ClientChannelEvent.EXIT_STATUS) || status == null || status != 0) {
                    throw new IOException("remote command ended with " + status + " (" + events + ")");
                }
                return (end - start) / 1e9;
            }
        } finally {
            client.stop();
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // the channel closed
        }
    }

    private static String report(Map<Pair, Map<Integer, EndToEndThroughput.Cell>> table, List<Integer> rtts, long bytes,
            int runs, long warmup, String[] args) {
        StringBuilder out = new StringBuilder();
        String launcher = System.getProperty("secsh.bench.command", "java -cp ssh.bench/target/benchmarks.jar ssh.bench.LongLinks");
        out.append("\nCommand: `").append(launcher).append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`\n");
        out.append("Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append('\n');
        out.append("Machine: ").append(EndToEndThroughput.machine()).append('\n');
        out.append(String.format(Locale.ROOT, "Upload: %s per run (%,d bytes), %s, %d run(s)%s, through a delaying proxy on "
                + "127.0.0.1; MB/s = 10^6 bytes/s, median (min-max); ×: ratio to OpenSSH ssh → sshd at the same RTT%n%n",
                EndToEndOptions.human(bytes), bytes, CIPHER, runs,
                warmup > 0 ? " after a " + EndToEndOptions.human(warmup) + " warm-up without the proxy" : ""));
        out.append("| pair |");
        rtts.forEach(r -> out.append(' ').append(r).append(" ms RTT | ×  |"));
        out.append("\n| --- |");
        rtts.forEach(r -> out.append(" ---: | ---: |"));
        out.append('\n');
        Map<Integer, EndToEndThroughput.Cell> base = table.get(Pair.SSH_SSHD);
        table.forEach((pair, row) -> {
            out.append("| ").append(pair.label).append(" |");
            row.forEach((rtt, cell) -> {
                double b = base == null ? Double.NaN : median(base.get(rtt));
                double m = median(cell);
                out.append(' ').append(EndToEndThroughput.format(cell)).append(" | ")
                        .append(Double.isNaN(b) || Double.isNaN(m) ? "n/a" : String.format(Locale.ROOT, "%.2f", m / b))
                        .append(" |");
            });
            out.append('\n');
        });
        out.append("\nWindow ceilings (window / RTT): 2 MiB: ");
        rtts.forEach(r -> out.append(String.format(Locale.ROOT, "%.0f MB/s at %d ms; ", (2 << 20) / 1e6 / (r / 1000.0), r)));
        out.append("32 MiB: ");
        rtts.forEach(r -> out.append(String.format(Locale.ROOT, "%.0f MB/s at %d ms; ", (32 << 20) / 1e6 / (r / 1000.0), r)));
        out.setLength(out.length() - 2);
        return out.append('\n').toString();
    }

    private static double median(EndToEndThroughput.Cell cell) {
        if (cell == null || cell.note() != null || cell.rates().isEmpty()) {
            return Double.NaN;
        }
        return Results.median(cell.rates());
    }
}
