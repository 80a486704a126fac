package ssh.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import ssh.bench.Results.Row;

/**
 * Turns the raw CSVs of the harnesses ({@link Results}) into {@code report.md}: per figure a
 * Markdown table of median (min–max) over the runs, the ratio of the figure's first pair (a secsh
 * pair) to each other pair, SVG bar charts for bulk throughput, long fat links and handshakes
 * ({@link ReportSvg}), and the machine description ({@code machine.txt}).
 * <p>
 * {@code java -cp ... ssh.bench.Report [--out DIR]}: reads and writes in DIR (default
 * {@code target/bench-results}).
 */
public final class Report {
    /** The figures in report order: CSV name, title, and the metric that gets a chart (or null). */
    private record Figure(String name, String title, String charted) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("bulk", "Bulk throughput", "throughput"),
            new Figure("handshake", "Handshakes", "conn/s"),
            new Figure("scale", "Scale and memory", null),
            new Figure("longlink", "Long fat links", "throughput"),
            new Figure("startup", "Start-up", null));

    /** A table column: everything that tells cells of one pair apart within a metric. */
    private record Column(String algorithm, String setting, String direction) {
        String label() {
            return String.join(", ", Stream.of(algorithm, setting, direction).filter(s -> !s.isEmpty()).toList());
        }
    }

    private Report() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(exec(args));
    }

    /** Writes the report; returns 0, or 1 if there was no CSV, 2 for a usage error. */
    static int exec(String[] args) throws IOException {
        Results where;
        try {
            where = Results.of("report", args);
        } catch (IllegalArgumentException e) {
            System.err.println("secsh-bench-report: " + e.getMessage());
            return 2;
        }
        if (where.rest().length > 0) {
            System.err.println("usage: ssh.bench.Report [--out DIR (target/bench-results)]: reads DIR/*.csv, writes "
                    + "DIR/report.md and DIR/*.svg");
            return 2;
        }
        Path report = write(where.dir());
        if (report == null) {
            System.err.println("secsh-bench-report: no results CSV in " + where.dir());
            return 1;
        }
        System.err.println("report: " + report.toAbsolutePath().normalize());
        return 0;
    }

    /** Writes {@code report.md} and the charts into {@code dir}; null if it holds no CSV. */
    static Path write(Path dir) throws IOException {
        List<Figure> figures = new ArrayList<>(FIGURES);
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted()
                    .map(n -> n.substring(0, n.length() - 4))
                    .filter(n -> FIGURES.stream().noneMatch(f -> f.name().equals(n)))
                    .forEach(n -> figures.add(new Figure(n, n, null)));
        }
        StringBuilder md = new StringBuilder("# secsh benchmark results\n\n");
        md.append("Generated ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" by `ssh.bench.Report` from the CSV files in this directory (one row per run).\n\n");
        Path machine = dir.resolve("machine.txt");
        String description = Files.exists(machine) ? Files.readString(machine, StandardCharsets.UTF_8)
                : Machine.describe();
        md.append("Machine:\n\n");
        description.lines().filter(l -> !l.isBlank()).forEach(l -> md.append("- ").append(l).append('\n'));
        boolean any = false;
        for (Figure figure : figures) {
            Path csv = dir.resolve(figure.name() + ".csv");
            if (!Files.exists(csv)) {
                continue;
            }
            any = true;
            figure(md, dir, figure, Results.read(csv));
        }
        if (!any) {
            return null;
        }
        Path out = dir.resolve("report.md");
        Files.writeString(out, md, StandardCharsets.UTF_8);
        return out;
    }

    private static void figure(StringBuilder md, Path dir, Figure figure, List<Row> rows) throws IOException {
        long skipped = rows.stream().filter(Row::skipped).count();
        long failed = rows.stream().filter(r -> r.note().startsWith("failed")).count();
        md.append("\n## ").append(figure.title()).append("\n\n").append(String.format(Locale.ROOT,
                "`%s.csv`: %d rows; cells are median (min–max, n runs); %d skipped and %d failed rows.%n",
                figure.name(), rows.size(), skipped, failed));
        Map<String, List<Row>> byMetric = group(rows, Row::metric);
        boolean oneColumnEach = byMetric.values().stream().allMatch(rs -> columns(rs).size() == 1);
        if (oneColumnEach && byMetric.size() > 1) {
            // e.g. start-up (to first output, to exit), memory, sequential handshakes: a column per metric
            String only = columns(rows).get(0).label();
            List<String> pairs = pairs(rows);
            md.append(only.isEmpty() ? "" : "\n" + only + ":\n");
            table(md, byMetric, pairs);
            List<Row> charted = byMetric.get(figure.charted());
            if (charted != null) {
                chart(md, dir, figure, figure.charted(), Map.of(only, charted), pairs);
            }
        } else {
            for (var e : byMetric.entrySet()) {
                String unit = e.getValue().get(0).unit();
                String better = " (" + unit + ", " + (lowerIsBetter(unit) ? "lower" : "higher") + " is better)\n";
                List<String> pairs = pairs(e.getValue());
                Map<String, List<Row>> byColumn = byColumn(e.getValue(), true);
                Map<String, List<Row>> byDirection = group(e.getValue(), Row::direction);
                if (byDirection.size() > 1) {
                    // e.g. bulk upload and download: a table (and ratios) per direction, without it in the headers
                    for (var d : byDirection.entrySet()) {
                        md.append("\n### ").append(e.getKey()).append(", ").append(d.getKey().isEmpty() ? "other"
                                : d.getKey()).append(better);
                        table(md, byColumn(d.getValue(), false), pairs);
                    }
                } else {
                    md.append("\n### ").append(e.getKey()).append(better);
                    table(md, byColumn, pairs);
                }
                if (e.getKey().equals(figure.charted())) {
                    chart(md, dir, figure, e.getKey(), byColumn, pairs);
                }
            }
        }
    }

    /** The rows by column label, in first-seen order; the label names the direction only if {@code withDirection}. */
    private static Map<String, List<Row>> byColumn(List<Row> rows, boolean withDirection) {
        return group(rows, r -> new Column(r.algorithm(), r.setting(), withDirection ? r.direction() : "").label());
    }

    /** Writes {@code <figure>.svg} and links it. */
    private static void chart(StringBuilder md, Path dir, Figure figure, String metric, Map<String, List<Row>> byColumn,
            List<String> pairs) throws IOException {
        String name = figure.name() + ".svg";
        String unit = byColumn.values().iterator().next().get(0).unit();
        Files.writeString(dir.resolve(name), ReportSvg.bars(figure.title() + ": " + metric, unit, byColumn, pairs),
                StandardCharsets.UTF_8);
        md.append("\n![").append(figure.title()).append("](").append(name).append(")\n");
    }

    /** A table of {@code byColumn} (header label to the rows under it), then the ratios table. */
    private static void table(StringBuilder md, Map<String, List<Row>> byColumn, List<String> pairs) {
        List<String> measured = pairs.stream().filter(p -> byColumn.values().stream()
                .anyMatch(rs -> rs.stream().anyMatch(r -> r.pair().equals(p) && r.measured()))).toList();
        // the reference is a secsh pair where there is one ("secsh client → ...", "bin/secsh ...", "secsh SshServer")
        String reference = measured.stream().filter(p -> p.split(" ")[0].contains("secsh") || p.contains("image secsh"))
                .findFirst().orElse(measured.isEmpty() ? null : measured.get(0));
        StringBuilder values = new StringBuilder(header("pair", byColumn.keySet()));
        StringBuilder ratios = new StringBuilder(header("pair", byColumn.keySet()));
        for (String pair : pairs) {
            values.append("| ").append(pair).append(" |");
            ratios.append("| ").append(pair).append(" |");
            for (List<Row> column : byColumn.values()) {
                List<Row> cell = column.stream().filter(r -> r.pair().equals(pair)).toList();
                values.append(' ').append(cell(cell)).append(" |");
                double ref = median(column.stream().filter(r -> r.pair().equals(reference)).toList());
                double m = median(cell);
                ratios.append(' ').append(Double.isNaN(ref) || Double.isNaN(m) || m == 0 ? "–"
                        : String.format(Locale.ROOT, "%.2f×", ref / m)).append(" |");
            }
            values.append('\n');
            ratios.append('\n');
        }
        md.append('\n').append(values);
        if (reference != null && pairs.size() > 1) {
            md.append("\nRatio of ").append(reference).append(" to each pair (median ÷ median; above 1: the first "
                    + "has more of the quantity, which is better for MB/s, conn/s and sessions, worse for ms and KiB):\n\n")
                    .append(ratios);
        }
    }

    private static String header(String first, Set<String> columns) {
        StringBuilder h = new StringBuilder("| ").append(first).append(" |");
        columns.forEach(c -> h.append(' ').append(c.isEmpty() ? "value" : c).append(" |"));
        h.append("\n| --- |");
        columns.forEach(c -> h.append(" ---: |"));
        return h.append('\n').toString();
    }

    /** "median (min–max, n=3) unit", a single value, or the note of a skipped or failed cell. */
    static String cell(List<Row> cell) {
        List<Double> values = cell.stream().filter(Row::measured).map(Row::value).toList();
        if (values.isEmpty()) {
            return cell.stream().map(Row::note).filter(n -> !n.isEmpty()).findFirst().orElse("–").replace('|', '/');
        }
        String pattern = pattern(Results.median(values));
        String text = Results.medianRange(values, pattern);
        return (values.size() > 1 ? text.substring(0, text.length() - 1) + ", n=" + values.size() + ")" : text)
                + " " + cell.get(0).unit();
    }

    static double median(List<Row> cell) {
        List<Double> values = cell.stream().filter(Row::measured).map(Row::value).toList();
        return values.isEmpty() ? Double.NaN : Results.median(values);
    }

    private static String pattern(double v) {
        return Math.abs(v) >= 100 ? "%,.0f" : Math.abs(v) >= 10 ? "%.1f" : "%.2f";
    }

    static boolean lowerIsBetter(String unit) {
        return unit.equals("ms") || unit.equals("KiB");
    }

    private static Column column(Row r) {
        return new Column(r.algorithm(), r.setting(), r.direction());
    }

    private static List<Column> columns(List<Row> rows) {
        return List.copyOf(new LinkedHashSet<>(rows.stream().map(Report::column).toList()));
    }

    static List<String> pairs(List<Row> rows) {
        return List.copyOf(new LinkedHashSet<>(rows.stream().map(Row::pair).toList()));
    }

    private static Map<String, List<Row>> group(List<Row> rows, java.util.function.Function<Row, String> key) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }
}
