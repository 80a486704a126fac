package ssh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The machine a benchmark ran on: CPU model, cores, RAM, OS, JDK and OpenSSH version. */
final class Machine {
    private Machine() {
    }

    /** Field name to value, in the order shown. */
    static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("CPU", firstValue("/proc/cpuinfo", "model name").orElse("unknown CPU"));
        f.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        f.put("RAM", firstValue("/proc/meminfo", "MemTotal").map(Machine::gib).orElse("unknown"));
        f.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        f.put("JDK", Optional.ofNullable(System.getProperty("java.vendor.version"))
                .orElse(System.getProperty("java.vendor")) + " (Java " + Runtime.version() + ")");
        f.put("OpenSSH", OpenSshProcesses.version());
        return f;
    }

    /** One line, as the harnesses print under their tables. */
    static String oneLine() {
        Map<String, String> f = fields();
        return f.get("CPU") + ", " + f.get("cores") + " cores, " + f.get("RAM") + " RAM, " + f.get("JDK") + ", "
                + f.get("OS") + ", " + f.get("OpenSSH");
    }

    /** "name: value" lines, as in {@code machine.txt}. */
    static String describe() {
        return fields().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static Optional<String> firstValue(String file, String key) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux
        }
    }

    /** "24 GiB" from /proc/meminfo's "24576000 kB". */
    private static String gib(String meminfo) {
        try {
            long kib = Long.parseLong(meminfo.replace("kB", "").strip());
            return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return meminfo;
        }
    }
}
