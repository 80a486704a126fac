package ssh.tools.cli;

/** OpenSSH's time and size notations: {@code 1h30m} seconds, {@code 1G} bytes. */
final class Units {
    private Units() {
    }

    /** Seconds from {@code 90}, {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 1w}. */
    static long seconds(String text) {
        long total = 0;
        long number = -1;
        for (char c : text.strip().toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c >= '0' && c <= '9') {
                if (number > (Long.MAX_VALUE - 9) / 10) {
                    throw new IllegalArgumentException("time value too large: " + text);
                }
                number = (number < 0 ? 0 : number * 10) + (c - '0');
                continue;
            }
            if (number < 0) {
                throw new IllegalArgumentException("bad time value: " + text);
            }
            long unit = switch (c) {
                case 's' -> 1;
                case 'm' -> 60;
                case 'h' -> 3600;
                case 'd' -> 86400;
                case 'w' -> 604800;
                default -> throw new IllegalArgumentException("bad time value: " + text);
            };
            total = add(total, number, unit, text);
            number = -1;
        }
        return number < 0 ? total : add(total, number, 1, text);
    }

    private static long add(long total, long number, long unit, String text) {
        try {
            return Math.addExact(total, Math.multiplyExact(number, unit));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("time value too large: " + text, e);
        }
    }

    /** Bytes from {@code 500M}, {@code 1G}, {@code 4096}, {@code 64K}. */
    static long bytes(String text) {
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        long scale = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        String digits = scale == 1 ? t : t.substring(0, t.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(digits), scale);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad size value: " + text, e);
        }
    }
}
