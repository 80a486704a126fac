package ssh.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.TimeUnit;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.auth.keys.PublicKeyFile;
import ssh.auth.keys.SshKeyGenerator;

/**
 * Cold start to first output: a new {@code bin/secsh} process (a new JVM), the jlink image's
 * {@code secsh} (if built) and OpenSSH's {@code ssh}, each running {@code echo hi} on a private
 * sshd on 127.0.0.1 with an Ed25519 key; the time from starting the process to the first line of
 * its output, and to its exit, median and range over R runs, after one untimed run of each; writes
 * {@code startup.csv} (see {@link Results}). Without sshd every client is reported as skipped.
 */
public final class StartUp {
    record Client(String label, List<String> command, String note) {
    }

    record Times(List<Double> firstMs, List<Double> exitMs) {
    }

    private static final List<String> LABELS = List.of("bin/secsh (new JVM)", "jlink image secsh", "OpenSSH ssh");

    public static void main(String[] args) throws Exception {
        System.exit(exec(args));
    }

    /** Runs the harness as {@link #main} does; returns the exit status (0 ok, 1 a client failed, 2 usage). */
    static int exec(String[] args) throws Exception {
        Results results = Results.of("startup", args);
        args = results.rest();
        int runs = 10;
        String secsh = Path.of(System.getProperty("secsh.bench.home", ".")).resolve("bin/secsh").toString();
        String jlink = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> runs = 3;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--secsh" -> secsh = args[++i];
                case "--jlink" -> jlink = args[++i];
                default -> {
                    System.err.println("usage: secsh-bench-startup [--runs R (10)] [--quick (3 runs)] "
                            + "[--secsh LAUNCHER (bin/secsh)] [--jlink IMAGE_SECSH (target/jlink/secsh/bin/secsh "
                            + "next to the launcher's bin/)] [--out DIR (target/bench-results)]");
                    return 2;
                }
            }
        }
        Path launcher = Path.of(secsh).toAbsolutePath().normalize();
        Path image = jlink != null ? Path.of(jlink).toAbsolutePath()
                : launcher.getParent().getParent().resolve("target/jlink/secsh/bin/secsh");
        Path dir = Files.createTempDirectory("secsh-bench-startup");
        Map<Client, Times> measured = new LinkedHashMap<>();
        boolean ok;
        try {
            ok = run(args, runs, launcher, image, dir, measured);
        } finally {
            OpenSshProcesses.deleteTree(dir);
        }
        measured.forEach((c, t) -> {
            for (String metric : List.of("to first output", "to exit")) {
                results.cell(metric, c.label(), "echo hi", "", "", t == null ? List.of()
                        : metric.equals("to exit") ? t.exitMs() : t.firstMs(), "ms", t == null ? c.note() : null);
            }
        });
        results.write();
        return ok ? 0 : 1;
    }

    private static boolean run(String[] args, int runs, Path launcher, Path image, Path dir,
            Map<Client, Times> results) throws Exception {
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        SshKeyPair userKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        SshKeyPair hostKey = SshKeyGenerator.generate("ssh-ed25519", crypto);
        Path identity = dir.resolve("id_ed25519");
        Path hostKeyFile = dir.resolve("host_ed25519");
        SshKeyGenerator.save(identity, userKey, "secsh-bench-startup", null, crypto);
        SshKeyGenerator.save(hostKeyFile, hostKey, "secsh-bench-startup host", null, crypto);
        Path authorizedKeys = Files.writeString(dir.resolve("authorized_keys"),
                PublicKeyFile.line(userKey.publicKey(), "secsh-bench-startup") + "\n");
        Optional<Path> sshd = OpenSshProcesses.sshd();
        if (sshd.isEmpty()) {
            System.err.println("secsh-bench-startup: sshd is not installed: every client skipped");
            LABELS.forEach(l -> results.put(new Client(l, List.of(), "n/a (sshd not installed)"), null));
            System.out.println(report(args, runs, results));
            return true;
        }
        String user = System.getProperty("user.name");
        boolean ok = true;
        try (OpenSshProcesses.Sshd server = OpenSshProcesses.Sshd.startOrNull(sshd, dir, hostKeyFile,
                authorizedKeys)) {
            if (server == null) {
                LABELS.forEach(l -> results.put(new Client(l, List.of(), "n/a (sshd did not start)"), null));
                System.out.println(report(args, runs, results));
                return true;
            }
            List<String> common = List.of("-p", String.valueOf(server.port), "-i", identity.toString(), "-o",
                    "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", user + "@127.0.0.1", "echo", "hi");
            List<Client> clients = new ArrayList<>();
            Path lib = launcher.getParent().getParent().resolve("ssh.tools/target/lib");
            clients.add(Files.isExecutable(launcher) && !Files.isDirectory(lib)
                    ? new Client(LABELS.get(0), List.of(), "n/a (ssh.tools not built: no " + lib + ")")
                    : client(LABELS.get(0), launcher, common));
            clients.add(client(LABELS.get(1), image, common));
            Optional<Path> ssh = OpenSshProcesses.ssh();
            List<String> sshArgs = new ArrayList<>(List.of("-F", "none", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"));
            sshArgs.addAll(common);
            clients.add(ssh.isPresent() ? client(LABELS.get(2), ssh.get(), sshArgs)
                    : new Client(LABELS.get(2), List.of(), "n/a (not installed)"));
            for (Client c : clients) {
                if (c.note() != null) {
                    results.put(c, null);
                    continue;
                }
                try {
                    once(c, dir); // untimed: page cache, CDS archive
                    List<Double> first = new ArrayList<>();
                    List<Double> exit = new ArrayList<>();
                    for (int i = 1; i <= runs; i++) {
                        double[] t = once(c, dir);
                        first.add(t[0]);
                        exit.add(t[1]);
                        System.err.printf(Locale.ROOT, "%s: run %d/%d: first output %.0f ms, exit %.0f ms%n",
                                c.label(), i, runs, t[0], t[1]);
                    }
                    results.put(c, new Times(first, exit));
                } catch (IOException e) {
                    System.err.println(c.label() + ": failed: " + e.getMessage());
                    results.put(new Client(c.label(), c.command(), "failed: " + e.getMessage().lines().findFirst()
                            .orElse("").replace('|', '/')), null);
                    ok = false;
                }
            }
        }
        System.out.println(report(args, runs, results));
        return ok;
    }

    private static Client client(String label, Path program, List<String> args) {
        if (!Files.isExecutable(program)) {
            return new Client(label, List.of(), "n/a (" + program + " missing)");
        }
        List<String> cmd = new ArrayList<>(List.of(program.toString()));
        cmd.addAll(args);
        return new Client(label, cmd, null);
    }

    /** Milliseconds from start to the first line "hi" on stdout, and to the exit. */
    private static double[] once(Client c, Path dir) throws IOException, InterruptedException {
        Path err = dir.resolve("client.err");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(c.command()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(err.toFile()).start();
        long first = -1;
        StringBuilder line = new StringBuilder();
        try (InputStream out = p.getInputStream()) {
            for (int b; (b = out.read()) >= 0; ) {
                if (b == '\n' && first < 0) {
                    first = System.nanoTime();
                } else if (first < 0) {
                    line.append((char) b);
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("did not finish in 60 s");
        }
        long end = System.nanoTime();
        if (p.exitValue() != 0 || first < 0 || !line.toString().equals("hi")) {
            throw new IOException("exit " + p.exitValue() + ", output '" + line + "': "
                    + Files.readString(err, StandardCharsets.UTF_8).strip());
        }
        return new double[] {(first - start) / 1e6, (end - start) / 1e6};
    }

    private static String report(String[] args, int runs, Map<Client, Times> results) {
        StringBuilder out = new StringBuilder();
        String launcher = System.getProperty("secsh.bench.command",
                "java -cp ssh.bench/target/benchmarks.jar ssh.bench.StartUp");
        out.append("\nCommand: `").append(launcher).append(args.length == 0 ? "" : " " + String.join(" ", args))
                .append("`\n");
        out.append("Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append('\n');
        out.append("Machine: ").append(EndToEndThroughput.machine()).append('\n');
        out.append(runs).append(" timed runs per client after one untimed; `echo hi` on a private sshd, "
                + "127.0.0.1, Ed25519 keys; ms, median (min–max); ratio = median over OpenSSH ssh's\n\n");
        out.append("| client | to first output | ratio | to exit | ratio |\n| --- | ---: | ---: | ---: | ---: |\n");
        Times base = results.entrySet().stream().filter(e -> e.getKey().label().equals("OpenSSH ssh"))
                .map(Map.Entry::getValue).filter(t -> t != null).findFirst().orElse(null);
        results.forEach((c, t) -> {
            out.append("| ").append(c.label()).append(" | ");
            if (t == null) {
                out.append(c.note()).append(" | | | |\n");
                return;
            }
            out.append(format(t.firstMs())).append(" | ").append(ratio(t.firstMs(), base == null ? null
                    : base.firstMs())).append(" | ").append(format(t.exitMs())).append(" | ")
                    .append(ratio(t.exitMs(), base == null ? null : base.exitMs())).append(" |\n");
        });
        out.append("\nCommands: ").append(results.keySet().stream().filter(c -> c.note() == null)
                .map(c -> "`" + String.join(" ", c.command()) + "`").toList()).append('\n');
        return out.toString();
    }

    private static String format(List<Double> xs) {
        return Results.medianRange(xs, "%.0f");
    }

    private static String ratio(List<Double> xs, List<Double> base) {
        return base == null ? "–" : String.format(Locale.ROOT, "%.1f×", Results.median(xs) / Results.median(base));
    }
}
