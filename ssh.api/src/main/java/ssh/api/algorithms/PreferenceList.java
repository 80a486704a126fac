package ssh.api.algorithms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ssh.api.SshAlgorithmException;

/**
 * Applies an OpenSSH-style algorithm preference string to a default list, as {@code ssh_config}
 * documents for {@code Ciphers}, {@code KexAlgorithms} and the rest:
 * <ul>
 *   <li>{@code a,b,c} replaces the defaults;</li>
 *   <li>{@code +a,b} appends to the defaults;</li>
 *   <li>{@code -a,b} removes from the defaults;</li>
 *   <li>{@code ^a,b} puts names at the head of the defaults.</li>
 * </ul>
 * Each name may be a pattern with {@code *} (any run of characters) and {@code ?} (any one), which
 * expands to every matching available name in the available list's order. A plain name that is not
 * available is an error that says why; so is a result with no names left.
 */
public final class PreferenceList {
    private PreferenceList() {
    }

    /**
     * Resolves {@code spec} (null or empty: the defaults).
     *
     * @param family      the family's name for messages, e.g. "cipher"
     * @param defaults    the default order; names not available are skipped
     * @param available   every usable name, in canonical order
     * @param unavailable names that exist but cannot be used here, each with the reason
     */
    public static List<String> resolve(String family, String spec, List<String> defaults, List<String> available,
            Map<String, String> unavailable) throws SshAlgorithmException {
        Set<String> result = new LinkedHashSet<>();
        String body = spec == null ? "" : spec.strip();
        char op = body.isEmpty() ? 0 : body.charAt(0);
        if (op == '+' || op == '-' || op == '^') {
            body = body.substring(1);
        }
        List<String> items = body.isEmpty() && op == 0 ? List.of() : split(family, spec, body);
        List<String> usableDefaults = defaults.stream().filter(available::contains).toList();
        switch (op) {
            case 0 -> {
                if (items.isEmpty()) {
                    result.addAll(usableDefaults);
                }
            }
            case '+' -> result.addAll(usableDefaults);
            case '-' -> {
                for (String name : usableDefaults) {
                    if (items.stream().noneMatch(p -> matches(p, name))) {
                        result.add(name);
                    }
                }
            }
            default -> { }
        }
        if (op != '-') {
            for (String item : items) {
                result.addAll(expand(family, item, available, unavailable));
            }
        }
        if (op == '^') {
            result.addAll(usableDefaults);
        }
        if (result.isEmpty()) {
            throw new SshAlgorithmException("no " + family + " algorithm left after applying \"" + spec
                    + "\"; available: " + String.join(",", available));
        }
        return List.copyOf(result);
    }

    /** Whether {@code name} matches the pattern, where {@code *} matches any run and {@code ?} one character. */
    public static boolean matches(String pattern, String name) {
        return matches(pattern, 0, name, 0);
    }

    private static boolean matches(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (matches(p, pi, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == s.length() || c != '?' && c != s.charAt(si)) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    private static List<String> split(String family, String spec, String body) throws SshAlgorithmException {
        List<String> items = new ArrayList<>();
        for (String item : body.split(",", -1)) {
            String name = item.strip();
            if (name.isEmpty()) {
                throw new SshAlgorithmException("empty " + family + " name in \"" + spec + "\"");
            }
            items.add(name);
        }
        return items;
    }

    private static List<String> expand(String family, String item, List<String> available,
            Map<String, String> unavailable) throws SshAlgorithmException {
        if (item.indexOf('*') >= 0 || item.indexOf('?') >= 0) {
            return available.stream().filter(name -> matches(item, name)).toList();
        }
        if (available.contains(item)) {
            return List.of(item);
        }
        String reason = unavailable.get(item);
        if (reason != null) {
            throw new SshAlgorithmException(family + " \"" + item + "\" is not available: " + reason);
        }
        throw new SshAlgorithmException("unknown " + family + " \"" + item + "\"; known " + family + " names: "
                + String.join(",", available)
                + (unavailable.isEmpty() ? "" : " (not available here: " + String.join(",", unavailable.keySet()) + ")"));
    }
}
