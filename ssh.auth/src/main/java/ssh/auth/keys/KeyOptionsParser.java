package ssh.auth.keys;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parses one authorized_keys options field; one instance per field, not thread-safe. */
final class KeyOptionsParser {
    private final String text;
    private final ZoneId zone;
    private int pos;

    private String command;
    private final List<String> from = new ArrayList<>();
    private final List<String> environment = new ArrayList<>();
    private final List<String> permitOpen = new ArrayList<>();
    private final List<String> permitListen = new ArrayList<>();
    private final List<String> principals = new ArrayList<>();
    private Instant expiry;
    private boolean pty = true;
    private boolean portForwarding = true;
    private boolean agentForwarding = true;
    private boolean x11Forwarding = true;
    private boolean userRc = true;
    private boolean certAuthority;
    private int tunnel = -1;

    private KeyOptionsParser(String text, ZoneId zone) {
        this.text = text;
        this.zone = zone;
    }

    /** The end of the options field that starts {@code line} at {@code start}: the first unquoted blank. */
    static int end(String line, int start) {
        boolean quoted = false;
        for (int i = start; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                return i;
            }
        }
        return quoted ? -1 : line.length();
    }

    /** Parses {@code options} (no surrounding blanks); times without a zone are in {@code zone}. */
    static KeyOptions parse(String options, ZoneId zone) throws KeyFormatException {
        return new KeyOptionsParser(options, zone).parse();
    }

    private KeyOptions parse() throws KeyFormatException {
        while (true) {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '=' && text.charAt(pos) != ',') {
                pos++;
            }
            String name = text.substring(start, pos).toLowerCase(Locale.ROOT);
            if (pos < text.length() && text.charAt(pos) == '=') {
                pos++;
                value(name, quoted(name));
            } else {
                flag(name);
            }
            if (pos == text.length()) {
                break;
            }
            pos++; // the comma
            if (pos == text.length()) {
                throw new KeyFormatException("options end with a comma");
            }
        }
        return new KeyOptions(command, from, environment, permitOpen, permitListen, expiry, pty, portForwarding,
                agentForwarding, x11Forwarding, userRc, certAuthority, principals, tunnel);
    }

    private String quoted(String name) throws KeyFormatException {
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw new KeyFormatException("option " + name + "= needs a value in double quotes");
        }
        StringBuilder sb = new StringBuilder();
        for (pos++; pos < text.length(); pos++) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                if (pos < text.length() && text.charAt(pos) != ',') {
                    throw new KeyFormatException("option " + name + " has text after its closing quote");
                }
                return sb.toString();
            }
            if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                pos++;
                c = '"';
            }
            sb.append(c);
        }
        throw new KeyFormatException("option " + name + " lacks its closing quote");
    }

    private void flag(String name) throws KeyFormatException {
        switch (name) {
            case "restrict" -> {
                pty = false;
                portForwarding = false;
                agentForwarding = false;
                x11Forwarding = false;
                userRc = false;
            }
            case "no-pty" -> pty = false;
            case "pty" -> pty = true;
            case "no-port-forwarding" -> portForwarding = false;
            case "port-forwarding" -> portForwarding = true;
            case "no-agent-forwarding" -> agentForwarding = false;
            case "agent-forwarding" -> agentForwarding = true;
            case "no-x11-forwarding" -> x11Forwarding = false;
            case "x11-forwarding" -> x11Forwarding = true;
            case "no-user-rc" -> userRc = false;
            case "user-rc" -> userRc = true;
            case "cert-authority" -> certAuthority = true;
            default -> throw new KeyFormatException("unknown option \"" + PublicKeyFile.shorten(name) + "\"");
        }
    }

    private void value(String name, String v) throws KeyFormatException {
        switch (name) {
            case "command" -> {
                if (command != null) {
                    throw new KeyFormatException("more than one command= option");
                }
                command = v;
            }
            case "from" -> from.addAll(list(name, v));
            case "principals" -> principals.addAll(list(name, v));
            case "environment" -> {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    throw new KeyFormatException("environment=\"" + PublicKeyFile.shorten(v) + "\" is not NAME=value");
                }
                environment.add(v);
            }
            case "permitopen" -> permitOpen.add(hostPort(name, v, true));
            case "permitlisten" -> permitListen.add(hostPort(name, v, false));
            case "expiry-time" -> {
                Instant t = time(v);
                expiry = expiry == null || t.isBefore(expiry) ? t : expiry;
            }
            case "tunnel" -> tunnel = tunnel(v);
            default -> throw new KeyFormatException("unknown option \"" + PublicKeyFile.shorten(name) + "\"");
        }
    }

    private static List<String> list(String name, String v) throws KeyFormatException {
        List<String> out = new ArrayList<>();
        for (String p : v.split(",", -1)) {
            if (p.isBlank()) {
                throw new KeyFormatException(name + "=\"" + PublicKeyFile.shorten(v) + "\" has an empty entry");
            }
            out.add(p.strip());
        }
        return out;
    }

    /** {@code host:port} (host may be bracketed; port a number or {@code *}); for permitlisten the host is optional. */
    private static String hostPort(String name, String v, boolean hostNeeded) throws KeyFormatException {
        int colon = v.lastIndexOf(':');
        String port = colon < 0 ? v : v.substring(colon + 1);
        boolean ok = (colon > 0 || (!hostNeeded && colon < 0)) && (port.equals("*") || isPort(port));
        if (!ok) {
            throw new KeyFormatException(name + "=\"" + PublicKeyFile.shorten(v) + "\" is not "
                    + (hostNeeded ? "host:port" : "[host:]port"));
        }
        return v;
    }

    private static boolean isPort(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        int p = Integer.parseInt(s);
        return p >= 0 && p <= 65535;
    }

    private static int tunnel(String v) throws KeyFormatException {
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new KeyFormatException("tunnel=\"" + PublicKeyFile.shorten(v) + "\" is not a device number");
        }
        return Integer.parseInt(v);
    }

    /** {@code YYYYMMDD[HHMM[SS]]}, with an optional {@code Z} for UTC, else in the parser's zone. */
    private Instant time(String v) throws KeyFormatException {
        boolean utc = v.endsWith("Z") || v.endsWith("z");
        String d = utc ? v.substring(0, v.length() - 1) : v;
        if ((d.length() != 8 && d.length() != 12 && d.length() != 14) || !d.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new KeyFormatException("expiry-time=\"" + PublicKeyFile.shorten(v) + "\" is not YYYYMMDD[HHMM[SS]]");
        }
        try {
            LocalDateTime t = LocalDateTime.of(num(d, 0, 4), num(d, 4, 6), num(d, 6, 8), num(d, 8, 10), num(d, 10, 12),
                    num(d, 12, 14));
            return t.atZone(utc ? ZoneOffset.UTC : zone).toInstant();
        } catch (DateTimeException e) {
            throw new KeyFormatException("expiry-time=\"" + v + "\" is not a valid time: " + e.getMessage());
        }
    }

    private static int num(String d, int from, int to) {
        return to <= d.length() ? Integer.parseInt(d.substring(from, to)) : 0;
    }
}
