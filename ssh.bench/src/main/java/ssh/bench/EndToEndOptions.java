package ssh.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The command line of {@link EndToEndThroughput}. */
record EndToEndOptions(long bytes, int runs, List<String> ciphers, String mac, List<EndToEndThroughput.Pair> pairs,
        List<EndToEndThroughput.Direction> directions, long warmup, boolean help) {
    static final long MIN_BYTES = 1024 * 1024;

    static EndToEndOptions parse(String[] args) {
        Long bytes = null;
        Integer runs = null;
        List<String> ciphers = null;
        Long warmup = null;
        String mac = EndToEndThroughput.DEFAULT_MAC;
        List<EndToEndThroughput.Pair> pairs = EndToEndThroughput.Pair.shown();
        List<EndToEndThroughput.Direction> directions = List.of(EndToEndThroughput.Direction.values());
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "-h", "--help" -> {
                    return new EndToEndOptions(0, 0, List.of(), mac, pairs, directions, 0, true);
                }
                case "--bytes" -> bytes = size(value(args, ++i, a));
                case "--warmup" -> warmup = size(value(args, ++i, a));
                case "--runs" -> runs = positive(value(args, ++i, a), a);
                case "--mac" -> mac = value(args, ++i, a);
                case "--ciphers" -> ciphers = list(value(args, ++i, a));
                case "--pairs" -> pairs = pairs(value(args, ++i, a));
                case "--direction" -> directions = directions(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (ciphers == null) {
            ciphers = quick ? EndToEndThroughput.DEFAULT_CIPHERS.subList(0, 1) : EndToEndThroughput.DEFAULT_CIPHERS;
        }
        bytes = bytes != null ? bytes : quick ? 16 * MIN_BYTES : 1024 * MIN_BYTES;
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("--bytes must be at least 1M");
        }
        return new EndToEndOptions(bytes, runs != null ? runs : quick ? 1 : 3, ciphers, mac, pairs, directions,
                warmup != null ? warmup : quick ? 0 : 64 * MIN_BYTES, false);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String s, String option) {
        try {
            int n = Integer.parseInt(s);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " needs a positive number, not " + s);
    }

    private static List<String> list(String s) {
        List<String> out = Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).distinct()
                .toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--ciphers needs at least one cipher");
        }
        return out;
    }

    private static List<EndToEndThroughput.Pair> pairs(String s) {
        List<EndToEndThroughput.Pair> out = new ArrayList<>();
        EndToEndThroughput.Pair[] all = EndToEndThroughput.Pair.values();
        for (String p : list(s)) {
            int n = positive(p, "--pairs");
            if (n > all.length) {
                throw new IllegalArgumentException("--pairs takes numbers from 1 to " + all.length);
            }
            if (!out.contains(all[n - 1])) {
                out.add(all[n - 1]);
            }
        }
        return List.copyOf(out);
    }

    /** {@code upload}, {@code download} or {@code both} (upload first). */
    private static List<EndToEndThroughput.Direction> directions(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "upload" -> List.of(EndToEndThroughput.Direction.UPLOAD);
            case "download" -> List.of(EndToEndThroughput.Direction.DOWNLOAD);
            case "both" -> List.of(EndToEndThroughput.Direction.values());
            default -> throw new IllegalArgumentException("--direction takes upload, download or both, not " + s);
        };
    }

    /** Parses {@code 1073741824}, {@code 1G}, {@code 64M}, {@code 512K} (binary multiples). */
    static long size(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        if (!t.isEmpty() && "KMG".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("KMG".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n >= 0 && n <= Long.MAX_VALUE / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("not a size: " + s + " (e.g. 1G, 64M, 512K)");
    }

    /** 1 GiB, 64 MiB, or plain bytes. */
    static String human(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (3 - i));
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + " " + units[i];
            }
        }
        return bytes + " bytes";
    }
}
