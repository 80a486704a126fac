package ssh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The resource figures {@link Soak} records at each checkpoint (live platform threads, open file
 * descriptors, heap used after a full GC, resident set size) and the leak checks against the
 * baseline. Virtual threads are not counted: java.base has no count of live virtual threads
 * (ThreadMXBean and {@link Thread#getAllStackTraces()} see platform threads only).
 */
final class SoakCheckpoints {
    /** How many more platform threads than the baseline a settled checkpoint may have. */
    static final int THREAD_SLACK = 2;
    /** How many more open file descriptors than the baseline a settled checkpoint may have. */
    static final int FD_SLACK = 5;
    /** How much more heap (after GC) than the baseline a settled checkpoint may use. */
    static final long HEAP_SLACK = 20L * 1024 * 1024;
    /** The longest a settled checkpoint waits for threads and descriptors to go back down. */
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(15);

    /** One row of the table: {@code settledMillis} is -1 for a sample taken under load (not checked). */
    record Checkpoint(String name, int threads, int fds, long heapUsed, long rss, long settledMillis, boolean checked) {
    }

    /** A PASS/FAIL line. */
    record Check(String what, boolean pass, String detail) {
    }

    private final List<Checkpoint> points = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();

    /** Live platform threads (daemon or not), as the JVM counts them. */
    static int platformThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Entries of /proc/self/fd (Linux), less the one this listing opens; -1 elsewhere. */
    static int openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count() - 1;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** VmRSS from /proc/self/status in bytes; -1 if unavailable. */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /** Heap used right after a full collection (several System.gc() calls with pauses between). */
    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The first checkpoint: what the others are compared with. */
    Checkpoint baseline(String name) throws InterruptedException {
        Thread.sleep(500);
        Checkpoint c = new Checkpoint(name, platformThreads(), openFds(), heapAfterGc(), rss(), 0, false);
        points.add(c);
        return c;
    }

    /** A sample under load, shown but not checked (no GC forced). */
    Checkpoint sample(String name) {
        Checkpoint c = new Checkpoint(name, platformThreads(), openFds(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), rss(), -1, false);
        points.add(c);
        return c;
    }

    /**
     * A checkpoint after everything was closed: GC, then waits (up to {@link #SETTLE_LIMIT}) for the
     * threads and descriptors to come within the slack of the baseline (closing is partly
     * asynchronous: reader threads notice the closed socket a moment later), then records and checks.
     */
    Checkpoint settled(String name) throws InterruptedException {
        Checkpoint base = points.get(0);
        long start = System.nanoTime();
        long deadline = start + SETTLE_LIMIT.toNanos();
        long heap = heapAfterGc();
        while (System.nanoTime() < deadline && !(platformThreads() <= base.threads + THREAD_SLACK
                && openFds() <= base.fds + FD_SLACK && heap <= base.heapUsed + HEAP_SLACK)) {
            Thread.sleep(500);
            heap = heapAfterGc();
        }
        long waited = (System.nanoTime() - start) / 1_000_000;
        Checkpoint c = new Checkpoint(name, platformThreads(), openFds(), heap, rss(), waited, true);
        points.add(c);
        check(name + ": platform threads", c.threads, base.threads, THREAD_SLACK, "");
        if (base.fds >= 0) {
            check(name + ": open fds", c.fds, base.fds, FD_SLACK, "");
        }
        check(name + ": heap after GC", c.heapUsed, base.heapUsed, HEAP_SLACK, " B");
        return c;
    }

    private void check(String what, long now, long base, long slack, String unit) {
        boolean pass = now <= base + slack;
        checks.add(new Check(what, pass, String.format(Locale.ROOT, "%,d%s vs baseline %,d%s (allowed +%,d%s, %s%,d)",
                now, unit, base, unit, slack, unit, now >= base ? "+" : "-", Math.abs(now - base))));
    }

    /** A check the phases report (every cycle, every session verified). */
    void add(String what, boolean pass, String detail) {
        checks.add(new Check(what, pass, detail));
    }

    boolean allPass() {
        return checks.stream().allMatch(Check::pass);
    }

    /** The Markdown table of checkpoints and the list of checks. */
    String report() {
        StringBuilder b = new StringBuilder();
        b.append("| checkpoint | platform threads | open fds | heap used after GC | RSS | settled after |\n");
        b.append("|---|---:|---:|---:|---:|---:|\n");
        for (Checkpoint c : points) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %s%s | %s | %s |%n", c.name, c.threads, c.fds,
                    mib(c.heapUsed), c.settledMillis < 0 ? " (no GC)" : "", mib(c.rss),
                    c.settledMillis < 0 ? "under load" : c.settledMillis == 0 ? "-" : c.settledMillis + " ms"));
        }
        b.append("\nVirtual threads are not counted: java.base offers no count of live virtual threads.\n\n");
        for (Check c : checks) {
            b.append(c.pass ? "PASS " : "FAIL ").append(c.what).append(": ").append(c.detail).append('\n');
        }
        b.append(allPass() ? "RESULT: PASS\n" : "RESULT: FAIL\n");
        return b.toString();
    }

    static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
