package ssh.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The raw results of one harness run: one CSV row per measured run (or one row per skipped or
 * failed cell), written to {@code <out>/<figure>.csv} with the machine description beside it in
 * {@code <out>/machine.txt}. Every harness takes {@code --out DIR}; the default is
 * {@code target/bench-results} under {@code -Dsecsh.bench.home} (the launchers set it to the
 * checkout), else under the working directory. {@link Report} turns the CSVs into Markdown and SVG.
 */
final class Results {
    static final String HEADER = "figure,metric,pair,algorithm,setting,direction,run,value,unit,note";

    /**
     * One run's value, or (with {@code run} 0 and no value) why a cell has none: the note starts
     * with "skipped" (a peer is missing or lacks the algorithm) or "failed".
     */
    record Row(String figure, String metric, String pair, String algorithm, String setting, String direction, int run,
            double value, String unit, String note) {
        boolean measured() {
            return note.isEmpty() && !Double.isNaN(value);
        }

        boolean skipped() {
            return note.startsWith("skipped");
        }
    }

    private final String figure;
    private final Path dir;
    private final String[] rest;
    private final List<Row> rows = new ArrayList<>();

    private Results(String figure, Path dir, String[] rest) {
        this.figure = figure;
        this.dir = dir;
        this.rest = rest;
    }

    /** Takes {@code --out DIR} out of {@code args}; {@link #rest()} holds the others. */
    static Results of(String figure, String[] args) {
        Path dir = defaultDir();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--out needs a directory");
                }
                dir = Path.of(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        return new Results(figure, dir, rest.toArray(String[]::new));
    }

    static Path defaultDir() {
        return Path.of(System.getProperty("secsh.bench.home", ".")).resolve("target/bench-results");
    }

    /** The arguments other than {@code --out DIR}. */
    String[] rest() {
        return rest.clone();
    }

    Path dir() {
        return dir;
    }

    void add(String metric, String pair, String algorithm, String setting, String direction, int run, double value,
            String unit) {
        rows.add(new Row(figure, metric, pair, algorithm, setting, direction, run, value, unit, ""));
    }

    /** A cell without values: "n/a (why)" becomes "skipped (why)"; anything else is kept ("failed: ..."). */
    void none(String metric, String pair, String algorithm, String setting, String direction, String unit,
            String note) {
        String n = note == null || note.isBlank() ? "failed" : note.startsWith("n/a") ? "skipped" + note.substring(3)
                : note;
        rows.add(new Row(figure, metric, pair, algorithm, setting, direction, 0, Double.NaN, unit, n));
    }

    /** All values of one cell: {@link #add} for each, or {@link #none} if there are none. */
    void cell(String metric, String pair, String algorithm, String setting, String direction, List<Double> values,
            String unit, String note) {
        if (values.isEmpty() || note != null) {
            none(metric, pair, algorithm, setting, direction, unit, note);
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            add(metric, pair, algorithm, setting, direction, i + 1, values.get(i), unit);
        }
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Writes {@code <figure>.csv} (replacing an older one) and {@code machine.txt}; returns the CSV's path. */
    Path write() throws IOException {
        Files.createDirectories(dir);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            out.append(String.join(",", List.of(csv(r.figure()), csv(r.metric()), csv(r.pair()), csv(r.algorithm()),
                    csv(r.setting()), csv(r.direction()), String.valueOf(r.run()),
                    Double.isNaN(r.value()) ? "" : String.format(Locale.ROOT, "%.6g", r.value()), csv(r.unit()),
                    csv(r.note())))).append('\n');
        }
        Path file = dir.resolve(figure + ".csv");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("machine.txt"), Machine.describe(), StandardCharsets.UTF_8);
        System.err.println("results: " + file.toAbsolutePath().normalize() + " (" + rows.size() + " rows)");
        return file;
    }

    /** Reads a CSV written by {@link #write()}. */
    static List<Row> read(Path file) throws IOException {
        List<Row> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not a results CSV (header must be " + HEADER + ")");
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line);
            if (f.size() != 10) {
                throw new IOException(file + ": expected 10 fields, got " + f.size() + ": " + line);
            }
            out.add(new Row(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), Integer.parseInt(f.get(6)),
                    f.get(7).isEmpty() ? Double.NaN : Double.parseDouble(f.get(7)), f.get(8), f.get(9)));
        }
        return out;
    }

    private static String csv(String s) {
        String t = s == null ? "" : s;
        return t.contains(",") || t.contains("\"") || t.contains("\n") ? '"' + t.replace("\"", "\"\"")
                .replace('\n', ' ') + '"' : t;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                f.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }

    /** The median of {@code xs} (not empty). */
    static double median(List<Double> xs) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** "median" for one value, else "median (min–max)", with {@code pattern} for each number. */
    static String medianRange(List<Double> xs, String pattern) {
        double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String m = String.format(Locale.ROOT, pattern, median(xs));
        return s.length == 1 ? m : m + String.format(Locale.ROOT, " (" + pattern + "–" + pattern + ")", s[0],
                s[s.length - 1]);
    }
}
