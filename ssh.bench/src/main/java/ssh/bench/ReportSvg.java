package ssh.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import ssh.bench.Results.Row;

/**
 * A grouped bar chart as a stand-alone SVG document, written by hand (no dependency): one group
 * per table column (cipher, kex, setting and direction; the direction, upload or download, on a
 * second line under the group), one bar per pair at its median, a whisker from the smallest to the
 * largest run, and a legend that marks pairs without values as skipped.
 */
final class ReportSvg {
    private static final String[] COLOURS = {"#1f77b4", "#2ca02c", "#ff7f0e", "#d62728", "#9467bd", "#8c564b",
        "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int BAR = 16;
    private static final int GAP = 24;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int PLOT = 260;

    private ReportSvg() {
    }

    /** The chart of {@code byColumn} (group label to its rows) with a bar per pair in {@code pairs}. */
    static String bars(String title, String unit, Map<String, List<Row>> byColumn, List<String> pairs) {
        double max = byColumn.values().stream().flatMap(List::stream).filter(Row::measured).mapToDouble(Row::value)
                .max().orElse(1);
        double step = niceStep(max / 5);
        double top = Math.max(step, Math.ceil(max / step) * step);
        int groupWidth = pairs.size() * BAR + GAP;
        int width = Math.max(LEFT + byColumn.size() * groupWidth + 20, 480);
        int legendTop = TOP + PLOT + 60;
        int height = legendTop + 18 * pairs.size() + 10;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, LEFT, 20, "start", 14, title + " (" + unit + ", median; whiskers: min–max)");
        for (double y = 0; y <= top + step / 2; y += step) {
            double py = TOP + PLOT - y / top * PLOT;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, py, width - 10, py));
            text(svg, LEFT - 5, py + 4, "end", 11, String.format(Locale.ROOT, step < 1 ? "%.1f" : "%,.0f", y));
        }
        int g = 0;
        for (var column : byColumn.entrySet()) {
            int x0 = LEFT + GAP / 2 + g * groupWidth;
            for (int p = 0; p < pairs.size(); p++) {
                String pair = pairs.get(p);
                List<Double> values = column.getValue().stream().filter(r -> r.pair().equals(pair) && r.measured())
                        .map(Row::value).sorted().toList();
                if (values.isEmpty()) {
                    continue;
                }
                double median = Results.median(values);
                int x = x0 + p * BAR;
                double h = median / top * PLOT;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s, %s: %s</title></rect>%n", x, TOP + PLOT - h, BAR - 2, h,
                        COLOURS[p % COLOURS.length], escape(pair), escape(column.getKey()),
                        escape(Report.cell(column.getValue().stream().filter(r -> r.pair().equals(pair)).toList()))));
                if (values.size() > 1) {
                    double lo = TOP + PLOT - values.get(0) / top * PLOT;
                    double hi = TOP + PLOT - values.get(values.size() - 1) / top * PLOT;
                    double cx = x + (BAR - 2) / 2.0;
                    svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" "
                            + "stroke=\"black\"/>%n", cx, lo, hi, cx - 3, lo, cx + 3, cx - 3, hi, cx + 3));
                }
            }
            double labelX = x0 + pairs.size() * BAR / 2.0;
            String label = shorten(column.getKey());
            int comma = label.lastIndexOf(", ");
            String direction = comma < 0 ? "" : label.substring(comma + 2);
            if (direction.equals("upload") || direction.equals("download")) {
                text(svg, labelX, TOP + PLOT + 16, "middle", 10, label.substring(0, comma));
                text(svg, labelX, TOP + PLOT + 29, "middle", 10, direction);
            } else {
                text(svg, labelX, TOP + PLOT + 16, "middle", 10, label);
            }
            g++;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT, TOP + PLOT, width - 10, TOP + PLOT));
        for (int p = 0; p < pairs.size(); p++) {
            String pair = pairs.get(p);
            boolean none = byColumn.values().stream().flatMap(List::stream)
                    .noneMatch(r -> r.pair().equals(pair) && r.measured());
            String why = byColumn.values().stream().flatMap(List::stream).filter(r -> r.pair().equals(pair))
                    .map(Row::note).filter(n -> !n.isEmpty()).findFirst().orElse("no values");
            int y = legendTop + 18 * p;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"%s/>%n",
                    LEFT, y - 10, COLOURS[p % COLOURS.length], none ? " fill-opacity=\"0.25\"" : ""));
            text(svg, LEFT + 18, y, "start", 11, pair + (none ? " — " + why : ""));
        }
        return svg.append("</svg>\n").toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, int size, String s) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(s)));
    }

    private static String shorten(String label) {
        return label.replace("@openssh.com", "").replace(" + hmac-sha2-256-etm", " + etm");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
