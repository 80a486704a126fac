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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.auth.keys.PublicKeyFile;
import ssh.auth.keys.SshKeyGenerator;

/**
 * Cold start to first output: a new {@code bin/secsh} process (a new JVM), the jlink image's
 * {@code secsh} (if built) and OpenSSH's {@code ssh}, each running {@code echo hi} on a private
 * sshd on 127.0.0.1 with an Ed25519 key; the time from starting the process to the first line of
 * its output, and to its exit, median and range over R runs, after one untimed run of each.
 */
public final class StartUp {
    record Client(String label, List<String> command, String note) {
    }

    record Times(List<Double> firstMs, List<Double> exitMs) {
    }

    public static void main(String[] args) throws Exception {
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
                            + "next to the launcher's bin/)]");
                    System.exit(2);
                }
            }
        }
        Path launcher = Path.of(secsh).toAbsolutePath().normalize();
        Path image = jlink != null ? Path.of(jlink).toAbsolutePath()
                : launcher.getParent().getParent().resolve("target/jlink/secsh/bin/secsh");
        Path dir = Files.createTempDirectory("secsh-bench-startup");
        try {
            System.exit(run(args, runs, launcher, image, dir) ? 0 : 1);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static boolean run(String[] args, int runs, Path launcher, Path image, Path dir) throws Exception {
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
            System.err.println("secsh-bench-startup: sshd is not installed");
            return false;
        }
        String user = System.getProperty("user.name");
        boolean ok = true;
        Map<Client, Times> results = new LinkedHashMap<>();
        try (OpenSshProcesses.Sshd server = OpenSshProcesses.Sshd.start(sshd.get(), dir, hostKeyFile,
                authorizedKeys)) {
            List<String> common = List.of("-p", String.valueOf(server.port), "-i", identity.toString(), "-o",
                    "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", user + "@127.0.0.1", "echo", "hi");
            List<Client> clients = new ArrayList<>();
            clients.add(client("bin/secsh (new JVM)", launcher, common));
            clients.add(client("jlink image secsh", image, common));
            Optional<Path> ssh = OpenSshProcesses.ssh();
            List<String> sshArgs = new ArrayList<>(List.of("-F", "none", "-o", "BatchMode=yes", "-o", "LogLevel=ERROR"));
            sshArgs.addAll(common);
            clients.add(ssh.isPresent() ? client("OpenSSH ssh", ssh.get(), sshArgs)
                    : new Client("OpenSSH ssh", List.of(), "n/a (not installed)"));
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
                .map(Map.Entry::getValue).findFirst().orElse(null);
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

    static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String format(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", median(xs), s.get(0), s.get(s.size() - 1));
    }

    private static String ratio(List<Double> xs, List<Double> base) {
        return base == null ? "–" : String.format(Locale.ROOT, "%.1f×", median(xs) / median(base));
    }
}
