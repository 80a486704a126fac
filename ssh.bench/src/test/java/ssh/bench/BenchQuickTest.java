package ssh.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ssh.bench.EndToEndThroughput.Pair;
import ssh.bench.Results.Row;

/**
 * CI check of the benchmark harnesses (issue 8): {@code bin/secsh-bench-all --quick} in this JVM
 * writes CSV rows for every figure, the report and the charts; and a pair whose peer is missing is
 * reported as skipped rather than failing. No assertion is made on speed.
 */
class BenchQuickTest {
    private static final List<String> FIGURES = List.of("bulk", "handshake", "scale", "longlink", "startup");
    private static final List<String> CHARTS = List.of("bulk", "handshake", "longlink");

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void quickModeWritesEveryFigureTheReportAndTheCharts(@TempDir Path out) throws Exception {
        assertEquals(0, BenchAll.exec(new String[] {"--quick", "--out", out.toString()}), "exit status");
        boolean openSsh = OpenSshProcesses.ssh().isPresent() && OpenSshProcesses.sshd().isPresent();
        for (String figure : FIGURES) {
            List<Row> rows = Results.read(out.resolve(figure + ".csv"));
            assertFalse(rows.isEmpty(), figure + ": no rows");
            for (Row r : rows) {
                assertEquals(figure, r.figure());
                assertTrue(r.measured() || r.skipped(), figure + ": neither measured nor skipped: " + r);
                if (!openSsh && (r.pair().contains("OpenSSH") || r.pair().contains("JSch"))) {
                    assertTrue(r.skipped(), "OpenSSH is missing here, so this must be skipped: " + r);
                }
            }
        }
        // the pairs that need nothing outside this JVM are measured, both provider chains included
        for (String figure : List.of("bulk", "handshake")) {
            List<Row> rows = Results.read(out.resolve(figure + ".csv"));
            for (Pair pair : Pair.values()) {
                assertTrue(rows.stream().anyMatch(r -> r.pair().equals(pair.label)), figure + ": no row for " + pair);
            }
            for (Pair pair : List.of(Pair.SECSH_SECSH, Pair.SECSH_SECSH_BC, Pair.MINA_MINA)) {
                assertTrue(rows.stream().anyMatch(r -> r.pair().equals(pair.label) && r.measured()),
                        figure + ": " + pair + " not measured");
            }
        }
        // bulk goes both ways: every pair has upload and download rows, and the in-JVM pairs measured both
        List<Row> bulk = Results.read(out.resolve("bulk.csv"));
        for (Pair pair : Pair.values()) {
            for (String direction : List.of("upload", "download")) {
                assertTrue(bulk.stream().anyMatch(r -> r.pair().equals(pair.label) && r.direction().equals(direction)),
                        "bulk: no " + direction + " row for " + pair);
            }
        }
        for (Pair pair : List.of(Pair.SECSH_SECSH, Pair.SECSH_SECSH_BC, Pair.MINA_MINA)) {
            assertTrue(bulk.stream().anyMatch(r -> r.pair().equals(pair.label) && r.direction().equals("download")
                    && r.measured() && r.value() > 0), "bulk: " + pair + " download not measured");
        }
        assertTrue(bulk.stream().allMatch(r -> r.direction().equals("upload") || r.direction().equals("download")),
                "bulk: a row with another direction");
        assertTrue(Results.read(out.resolve("scale.csv")).stream()
                .anyMatch(r -> r.pair().startsWith("secsh SshServer") && r.measured()), "secsh server's memory");
        assertTrue(Results.read(out.resolve("longlink.csv")).stream()
                .anyMatch(r -> r.pair().startsWith("secsh → secsh") && r.measured()), "secsh long link");
        assertEquals(3, Report.pairs(Results.read(out.resolve("startup.csv"))).size(), "start-up: three clients");

        String report = Files.readString(out.resolve("report.md"));
        for (String heading : List.of("## Bulk throughput", "## Handshakes", "## Scale and memory", "## Long fat links",
                "## Start-up", "Machine:", "- cores: ", "- RAM: ", "- JDK: ", "- OpenSSH: ", "Ratio of ",
                "### throughput, upload (MB/s", "### throughput, download (MB/s")) {
            assertTrue(report.contains(heading), "report.md lacks " + heading);
        }
        for (String chart : CHARTS) {
            assertTrue(report.contains("(" + chart + ".svg)"), "report.md does not link " + chart + ".svg");
            assertSvgWithBars(out.resolve(chart + ".svg"));
        }
        String bulkSvg = Files.readString(out.resolve("bulk.svg"));
        assertTrue(bulkSvg.contains(">upload</text>") && bulkSvg.contains(">download</text>"),
                "bulk.svg does not label both directions");
    }

    @Test
    void directionOptionChoosesUploadDownloadOrBoth() {
        List<EndToEndThroughput.Direction> both = List.of(EndToEndThroughput.Direction.UPLOAD,
                EndToEndThroughput.Direction.DOWNLOAD);
        assertEquals(both, EndToEndOptions.parse(new String[] {"--quick"}).directions(), "default");
        assertEquals(both, EndToEndOptions.parse(new String[] {"--direction", "both"}).directions());
        assertEquals(List.of(EndToEndThroughput.Direction.UPLOAD),
                EndToEndOptions.parse(new String[] {"--direction", "upload"}).directions());
        assertEquals(List.of(EndToEndThroughput.Direction.DOWNLOAD),
                EndToEndOptions.parse(new String[] {"--direction", "download"}).directions());
        assertThrows(IllegalArgumentException.class,
                () -> EndToEndOptions.parse(new String[] {"--direction", "sideways"}));
        assertEquals("download", EndToEndThroughput.Direction.DOWNLOAD.label());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pairsWhosePeerIsMissingAreReportedAsSkipped(@TempDir Path out) throws Exception {
        String before = System.getProperty("secsh.bench.openssh");
        System.setProperty("secsh.bench.openssh", "off"); // as if OpenSSH were not installed
        try {
            String dir = out.toString();
            // only pairs that need ssh or sshd: nothing is measured, each cell is skipped
            assertEquals(0, EndToEndThroughput.exec(new String[] {"--quick", "--pairs", "2,3,4,6", "--out", dir}));
            assertEquals(0, Handshakes.exec(new String[] {"--quick", "--pairs", "2,3,4,6", "--out", dir}));
            assertEquals(0, LongLinks.exec(new String[] {"--quick", "--pairs", "3,4,5", "--out", dir}));
            assertEquals(0, StartUp.exec(new String[] {"--quick", "--out", dir}));
            assertEquals(0, IdleSessions.exec(new String[] {"--quick", "--servers", "openssh", "--out", dir}));
        } finally {
            if (before == null) {
                System.clearProperty("secsh.bench.openssh");
            } else {
                System.setProperty("secsh.bench.openssh", before);
            }
        }
        for (String figure : FIGURES) {
            List<Row> rows = Results.read(out.resolve(figure + ".csv"));
            assertFalse(rows.isEmpty(), figure + ": no rows");
            for (Row r : rows) {
                assertTrue(r.skipped() && r.note().contains("not installed") && Double.isNaN(r.value()),
                        figure + ": not reported as skipped: " + r);
            }
        }
        assertEquals(4, Report.pairs(Results.read(out.resolve("bulk.csv"))).size(), "bulk: four pairs");
        assertEquals(0, Report.exec(new String[] {"--out", out.toString()}));
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| JSch → OpenSSH sshd | skipped (not installed) |"), report);
        assertTrue(Files.readString(out.resolve("bulk.svg")).contains("JSch → OpenSSH sshd — skipped (not installed)"));
    }

    private static void assertSvgWithBars(Path svg) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName(), svg + ": root");
        assertTrue(doc.getElementsByTagName("rect").getLength() > 1, svg + ": no bars");
        assertTrue(doc.getElementsByTagName("title").getLength() > 0, svg + ": no bar titles");
    }
}
