package ssh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every harness in turn, in this JVM (bulk throughput, handshakes, scale and memory, long fat links,
 * start-up), each writing its CSV into one results directory, then {@link Report}: the one command
 * behind {@code bin/secsh-bench-all}. {@code --quick} gives every harness tiny sizes, counts and
 * durations, so that the whole run takes well under two minutes and only shows that the harnesses
 * still work (its numbers mean nothing). A harness that fails does not stop the others; the exit
 * status is then 1.
 */
public final class BenchAll {
    /** A harness's entry point: arguments in, exit status out. */
    @FunctionalInterface
    interface Harness {
        int exec(String[] args) throws Exception;
    }

    /** Figure name, harness, and its extra arguments in quick mode. */
    private record Step(String figure, Harness harness, List<String> quick) {
    }

    static final List<Step> STEPS = List.of(
            new Step("bulk", EndToEndThroughput::exec, List.of("--quick", "--bytes", "2M", "--runs", "2")),
            new Step("handshake", Handshakes::exec, List.of("--quick", "--count", "5", "--warmup", "1")),
            new Step("scale", IdleSessions::exec, List.of("--quick", "--sessions", "10", "--sshd-connections", "3",
                    "--heap", "128m")),
            new Step("longlink", LongLinks::exec, List.of("--quick", "--bytes", "2M")),
            new Step("startup", StartUp::exec, List.of("--quick", "--runs", "2")));

    private BenchAll() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(exec(args));
    }

    /** Runs the harnesses and the report; returns 0 if all worked, 1 if one failed, 2 for a usage error. */
    static int exec(String[] args) throws Exception {
        boolean quick = false;
        Path out = Results.defaultDir();
        List<String> only = STEPS.stream().map(Step::figure).toList();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--out") || args[i].equals("--only")) && i + 1 >= args.length) {
                System.err.println("secsh-bench-all: " + args[i] + " needs a value");
                return 2;
            }
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--only" -> only = Arrays.stream(args[++i].split(",")).map(String::strip).toList();
                default -> {
                    System.err.println("""
                            usage: secsh-bench-all [--quick] [--out DIR] [--only bulk,handshake,scale,longlink,startup]
                              runs each harness with its defaults (or, with --quick, tiny sizes that only check the
                              harnesses work), writes DIR/<figure>.csv, then DIR/report.md and DIR/*.svg
                              (default DIR: target/bench-results)""");
                    return args[i].equals("--help") ? 0 : 2;
                }
            }
        }
        Map<String, String> outcome = new LinkedHashMap<>();
        int status = 0;
        for (Step step : STEPS) {
            if (!only.contains(step.figure())) {
                continue;
            }
            List<String> a = new ArrayList<>(quick ? step.quick() : List.of());
            a.addAll(List.of("--out", out.toString()));
            System.err.printf(Locale.ROOT, "%n== %s: %s%n", step.figure(), String.join(" ", a));
            long start = System.nanoTime();
            int code;
            try {
                code = step.harness().exec(a.toArray(String[]::new));
            } catch (Exception e) {
                System.err.println(step.figure() + ": " + e);
                code = 1;
            }
            outcome.put(step.figure(), String.format(Locale.ROOT, "%s in %.1f s", code == 0 ? "ok" : "FAILED (exit "
                    + code + ")", (System.nanoTime() - start) / 1e9));
            status = code == 0 ? status : 1;
        }
        int report = Report.exec(new String[] {"--out", out.toString()});
        System.err.println();
        outcome.forEach((figure, result) -> System.err.println(figure + ": " + result));
        System.err.println("report: " + (report == 0 ? out.resolve("report.md") : "FAILED"));
        return report == 0 ? status : 1;
    }
}
