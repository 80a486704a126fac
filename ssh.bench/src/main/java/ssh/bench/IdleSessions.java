package ssh.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.connection.Session;
import ssh.connection.SshClient;

/**
 * Scale and memory: how much a server spends on an idle authenticated session (a connection with
 * one session channel whose handler waits for EOF). The secsh and Apache MINA SSHD servers run in
 * their own JVM ({@code --server-only}, {@code -Xms512m -Xmx512m -XX:+AlwaysPreTouch}); the clients are secsh
 * {@link SshClient}s in this JVM. Reports heap after GC and VmRSS growth per idle session ((value at N - baseline) / N), the
 * most idle sessions the 512 MiB heap holds (up to {@code --max}; stops at the first failure or
 * once heap after GC passes 90%), and OpenSSH's per-connection RSS (the per-connection sshd
 * processes of the private sshd, VmRSS summed; Pss alongside). Writes {@code scale.csv} (see {@link Results}).
 */
public final class IdleSessions {
    private static final int CONCURRENCY = 8;
    private static final Duration ANSWER = Duration.ofSeconds(180);
    /** One key exchange for every idle client, so that 10,000 connect in minutes on 2 cores (both servers have it). */
    static final String KEX = "curve25519-sha256";

    private record Idle(SshClient client, Session session) {
    }

    /** One answer to {@code measure}: heap after GC and max heap in bytes, VmRSS in KiB, running handlers. */
    private record Measure(long heap, long maxHeap, long rssKiB, int running) {
    }

    private int sessions = 1000;
    private int max = 10_000;
    private int step = 500;
    private int sshdConnections = 50;
    private String heap = "512m";
    private boolean quick;
    private List<String> servers = List.of("secsh", "mina", "openssh");
    private Results results;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--server-only")) {
            IdleSessionsServer.serve(args[1]);
            return;
        }
        System.exit(exec(args));
    }

    /** Runs the harness as {@link #main} does; returns the exit status (0 ok, 1 a server failed, 2 usage). */
    static int exec(String[] args) throws Exception {
        IdleSessions bench = new IdleSessions();
        bench.results = Results.of("scale", args);
        args = bench.results.rest();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> bench.quick = true;
                case "--sessions" -> bench.sessions = Integer.parseInt(args[++i]);
                case "--max" -> bench.max = Integer.parseInt(args[++i]);
                case "--step" -> bench.step = Integer.parseInt(args[++i]);
                case "--sshd-connections" -> bench.sshdConnections = Integer.parseInt(args[++i]);
                case "--heap" -> bench.heap = args[++i];
                case "--servers" -> bench.servers = List.of(args[++i].split(","));
                default -> {
                    System.err.println("""
                            usage: secsh-bench-scale [--quick] [--sessions N] [--max N] [--step N]
                                                     [--sshd-connections N] [--servers secsh,mina,openssh] [--heap 512m]
                                                     [--out DIR]
                              --quick  100 sessions, no search for the most (checks the harness works)
                              --out    where scale.csv and machine.txt go; default target/bench-results""");
                    return args[i].equals("--help") ? 0 : 2;
                }
            }
        }
        if (bench.quick) {
            bench.sessions = Math.min(bench.sessions, 100);
        }
        System.out.println(bench.run(args));
        bench.results.write();
        return bench.results.rows().stream().anyMatch(r -> r.note().startsWith("failed")) ? 1 : 0;
    }

    private String run(String[] args) throws Exception {
        StringBuilder rows = new StringBuilder();
        StringBuilder maxRows = new StringBuilder();
        double sshdRss = -1;
        String sshdRow = null;
        if (servers.contains("openssh")) {
            double[] o = IdleSessionsOpenSsh.measure(sshdConnections);
            String name = "OpenSSH sshd (" + sshdConnections + " connections)";
            if (o == null) {
                results.none("RSS per idle session", name, "", "", "", "KiB", "n/a (sshd not installed or did not start)");
            } else {
                results.add("RSS per idle session", name, "", "", "", 1, o[0], "KiB");
                results.add("heap + RSS per idle session", name, "", "", "", 1, o[0], "KiB");
                sshdRss = o[0];
                sshdRow = String.format(Locale.ROOT, "| OpenSSH sshd (%d connections; %.1f sshd processes each) | — | "
                        + "%,.0f KiB (VmRSS sum; Pss sum %,.0f KiB) | %,.0f KiB | 1.00 |%n", sshdConnections, o[2], o[0], o[1], o[0]);
            }
        }
        for (String kind : List.of("secsh", "mina")) {
            if (servers.contains(kind)) {
                server(kind, rows, maxRows, sshdRss);
            }
        }
        StringBuilder out = new StringBuilder();
        String launcher = System.getProperty("secsh.bench.command", "java -cp ssh.bench/target/benchmarks.jar ssh.bench.IdleSessions");
        out.append("\nCommand: `").append(launcher).append(args.length == 0 ? "" : " " + String.join(" ", args)).append("`\n");
        out.append("Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append('\n');
        out.append("Machine: ").append(EndToEndThroughput.machine()).append('\n');
        out.append("Server JVMs: -Xms").append(heap).append(" -Xmx").append(heap).append(" -XX:+AlwaysPreTouch (heap resident "
                + "from the start), separate processes; clients: secsh SshClient in the harness JVM, key exchange "
                + KEX + "; open file limit " + openFileLimit() + "\n\n");
        out.append("| server | heap after GC per idle session | RSS growth per idle session (outside the pre-touched heap) "
                + "| heap + RSS growth | vs OpenSSH (VmRSS) |\n");
        out.append("| --- | ---: | ---: | ---: | ---: |\n");
        out.append(rows);
        if (sshdRow != null) {
            out.append(sshdRow);
        }
        if (!maxRows.isEmpty()) {
            out.append("\n| server | most idle sessions held (tried up to ").append(String.format(Locale.ROOT, "%,d", max))
                    .append(") | heap after GC there | RSS there | stopped because |\n| --- | ---: | ---: | ---: | --- |\n")
                    .append(maxRows);
        }
        return out.toString();
    }

    private void server(String kind, StringBuilder rows, StringBuilder maxRows, double sshdRss) throws Exception {
        String name = kind.equals("secsh") ? "secsh SshServer" : "MINA SSHD 2.20.0";
        List<Idle> open = Collections.synchronizedList(new ArrayList<>());
        try (Child child = new Child(kind)) {
            String label = name + " (" + sessions + " sessions)";
            String err = open(child.port, 1, open);
            if (err != null) {
                rows.append("| ").append(name).append(" | failed: ").append(err).append(" | | |\n");
                results.none("heap per idle session", label, "", "", "", "KiB", "failed: " + err);
                return;
            }
            child.waitCount(1);
            closeAll(open);
            child.waitCount(0);
            Measure base = child.measure();
            err = open(child.port, sessions, open);
            if (err != null) {
                rows.append("| ").append(name).append(" | failed after ").append(open.size()).append(": ").append(err).append(" | | |\n");
                results.none("heap per idle session", label, "", "", "", "KiB", "failed after " + open.size() + ": " + err);
                return;
            }
            child.waitCount(sessions);
            Measure at = child.measure();
            double heapPer = (at.heap - base.heap) / 1024.0 / sessions;
            double rssPer = (double) (at.rssKiB - base.rssKiB) / sessions;
            System.err.printf(Locale.ROOT, "%s: baseline heap %,d KiB, RSS %,d KiB; at %,d sessions heap %,d KiB, RSS %,d KiB%n",
                    name, base.heap / 1024, base.rssKiB, sessions, at.heap / 1024, at.rssKiB);
            rows.append(String.format(Locale.ROOT, "| %s (%,d sessions; baseline heap %,d KiB, RSS %,d KiB) | %,.1f KiB "
                    + "| %,.1f KiB | %,.1f KiB | %s |%n", name, sessions, base.heap / 1024, base.rssKiB, heapPer, rssPer,
                    heapPer + rssPer, sshdRss > 0 ? String.format(Locale.ROOT, "%.2f", (heapPer + rssPer) / sshdRss) : "n/a"));
            results.add("heap per idle session", label, "", "", "", 1, heapPer, "KiB");
            results.add("RSS per idle session", label, "", "", "", 1, rssPer, "KiB");
            results.add("heap + RSS per idle session", label, "", "", "", 1, heapPer + rssPer, "KiB");
            if (quick) {
                return;
            }
            String stop = "reached " + String.format(Locale.ROOT, "%,d", max);
            Measure last = at;
            int held = sessions;
            while (open.size() < max) {
                // Near the limit, smaller steps: no more than 90% of the estimated headroom to 90% of the heap.
                double perSession = Math.max(1, (double) (last.heap - base.heap) / held);
                int n = (int) Math.min(Math.min(step, max - open.size()),
                        Math.max(25, 0.9 * (0.9 * last.maxHeap - last.heap) / perSession));
                err = open(child.port, n, open);
                if (err != null) {
                    stop = "connection " + (open.size() + 1) + " failed: " + err;
                    break;
                }
                try {
                    child.waitCount(open.size());
                    last = child.measure();
                } catch (IOException e) {
                    stop = "server stopped answering at " + open.size() + ": " + e.getMessage();
                    break;
                }
                held = open.size();
                System.err.printf(Locale.ROOT, "%s: %,d sessions, heap after GC %,d KiB (%.0f%%), RSS %,d KiB%n", name, held,
                        last.heap / 1024, 100.0 * last.heap / last.maxHeap, last.rssKiB);
                if (last.heap > 0.9 * last.maxHeap) {
                    stop = String.format(Locale.ROOT, "heap after GC %.0f%% > 90%%", 100.0 * last.heap / last.maxHeap);
                    break;
                }
            }
            results.add("most idle sessions held (heap " + heap + ", up to " + max + ")", name, "", "", "", 1, held,
                    "sessions");
            maxRows.append(String.format(Locale.ROOT, "| %s | %,d | %,d KiB (%.0f%%) | %,d KiB | %s |%n", name, held,
                    last.heap / 1024, 100.0 * last.heap / last.maxHeap, last.rssKiB, stop.replace('|', '/')));
        } finally {
            closeAll(open);
        }
    }

    /** Opens {@code count} idle sessions on {@code port} ({@link #CONCURRENCY} at a time); the first error, or null. */
    private static String open(int port, int count, List<Idle> into) throws InterruptedException {
        AtomicReference<String> error = new AtomicReference<>();
        Semaphore permits = new Semaphore(CONCURRENCY);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                tasks.add(ex.submit(() -> {
                    permits.acquire();
                    try {
                        if (error.get() == null) {
                            into.add(connect(port));
                        }
                    } catch (Exception | OutOfMemoryError e) {
                        error.compareAndSet(null, String.valueOf(e).lines().findFirst().orElse("?"));
                    } finally {
                        permits.release();
                    }
                    return null;
                }));
            }
        }
        return error.get();
    }

    private static Idle connect(int port) throws Exception {
        SshClient client = SshClient.builder("127.0.0.1", port).hostKeyVerifier((h, p, key) -> true)
                .transport(b -> b.kexAlgorithms(KEX))
                .connect(ClientAuthConfig.builder(IdleSessionsServer.USER)
                        .password(PasswordPrompt.of(IdleSessionsServer.PASSWORD.toCharArray())).build());
        try {
            Session s = client.openSession();
            s.exec("idle");
            return new Idle(client, s);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    private static void closeAll(List<Idle> open) {
        List<Idle> copy;
        synchronized (open) {
            copy = new ArrayList<>(open);
            open.clear();
        }
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Idle idle : copy) {
                ex.submit(() -> {
                    try {
                        idle.session().shutdownOutput();
                    } catch (Exception e) {
                        // closing anyway
                    }
                    idle.client().close();
                });
            }
        }
    }

    private static String openFileLimit() {
        try {
            return OpenSshProcesses.run(List.of("sh", "-c", "ulimit -n")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The server JVM: {@code java -Xms<heap> -Xmx<heap> -XX:+AlwaysPreTouch -cp <ours> ssh.bench.IdleSessions
     * --server-only kind}. The heap is resident from the start, so RSS growth is what sessions cost
     * outside the heap (the heap's share is measured after GC).
     */
    private final class Child implements AutoCloseable {
        final Process process;
        final PrintWriter commands;
        final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        final int port;
        final Path errFile;

        Child(String kind) throws IOException, InterruptedException {
            String java = ProcessHandle.current().info().command().orElse("java");
            errFile = Files.createTempFile("secsh-bench-scale-" + kind, ".err");
            process = new ProcessBuilder(java, "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
                    IdleSessions.class.getName(), "--server-only", kind).redirectError(errFile.toFile()).start();
            commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        answers.add(l);
                    }
                } catch (IOException e) {
                    // the server ended
                }
            });
            String first = answers.poll(60, TimeUnit.SECONDS);
            if (first == null || !first.startsWith("PORT ")) {
                throw new IOException(kind + " server did not start: " + first + " " + Files.readString(errFile));
            }
            port = Integer.parseInt(first.substring(5).strip());
        }

        String ask(String command) throws IOException, InterruptedException {
            commands.println(command);
            String answer = answers.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
            if (answer == null) {
                throw new IOException("no answer to " + command + (process.isAlive() ? "" : " (server exited)"));
            }
            return answer;
        }

        void waitCount(int n) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Integer.parseInt(ask("count").substring(6)) != n) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("server handlers did not reach " + n);
                }
                Thread.sleep(50);
            }
        }

        Measure measure() throws IOException, InterruptedException {
            String[] f = ask("measure").split(" ");
            return new Measure(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]));
        }

        @Override
        public void close() {
            commands.close();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Files.deleteIfExists(errFile);
            } catch (IOException e) {
                // left in /tmp
            }
        }
    }
}
