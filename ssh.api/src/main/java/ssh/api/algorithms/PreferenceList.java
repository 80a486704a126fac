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

    /**
     * Whether {@code name} matches the pattern in full, where {@code *} matches any run of
     * characters and {@code ?} any one, as OpenSSH's patterns do. Greedy with a single backtrack
     * point (the last star), so it takes O(|pattern| x |name|) at worst, whatever the stars.
     */
    public static boolean matches(String pattern, String name) {
        int p = 0;
        int i = 0;
        int star = -1;
        int resume = 0;
        while (i < name.length()) {
            char c = p < pattern.length() ? pattern.charAt(p) : 0;
            if (p < pattern.length() && c != '*' && (c == '?' || c == name.charAt(i))) {
                p++;
                i++;
            } else if (c == '*' && p < pattern.length()) {
                star = p++;
                resume = i;
            } else if (star >= 0) {
                p = star + 1;
                i = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
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
