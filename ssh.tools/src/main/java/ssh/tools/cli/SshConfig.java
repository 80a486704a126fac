package ssh.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ssh.api.algorithms.PreferenceList;

/**
 * OpenSSH-style options ({@code Keyword value}, keywords case-insensitive) from {@code -o} and
 * from configuration files. As in OpenSSH the first value given for a keyword wins, so {@code -o}
 * beats the file; list keywords ({@code IdentityFile}, {@code LocalForward}, ...) collect every value.
 * A configuration file's {@code Host} (client) or {@code Match}-less blocks apply when a pattern
 * matches the destination.
 */
final class SshConfig {
    private static final List<String> LISTS = List.of("identityfile", "localforward", "remoteforward",
            "dynamicforward", "hostkey", "subsystem", "sendenv", "setenv", "listenaddress", "port");

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /** Adds {@code "Keyword=value"} or {@code "Keyword value"} (as {@code -o} takes it). */
    void add(String option) throws Getopt.UsageException {
        String s = option.strip();
        int split = 0;
        while (split < s.length() && s.charAt(split) != '=' && !Character.isWhitespace(s.charAt(split))) {
            split++;
        }
        String key = s.substring(0, split);
        String value = s.substring(split).strip();
        if (value.startsWith("=")) {
            value = value.substring(1).strip();
        }
        if (key.isEmpty() || value.isEmpty()) {
            throw new Getopt.UsageException("bad configuration option: " + option);
        }
        if (value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        put(key, value);
    }

    void put(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        List<String> list = values.computeIfAbsent(k, x -> new ArrayList<>());
        if (list.isEmpty() || LISTS.contains(k)) {
            list.add(value);
        }
    }

    /** Reads {@code file}: global lines, and {@code Host} blocks whose patterns match {@code host}. */
    void read(Path file, String host) throws IOException, Getopt.UsageException {
        boolean applies = true;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("[\\s=]+", 2);
            if (words[0].equalsIgnoreCase("Host")) {
                applies = host == null || matches(words.length > 1 ? words[1] : "", host);
            } else if (words[0].equalsIgnoreCase("Match")) {
                applies = words.length > 1 && words[1].strip().equalsIgnoreCase("all");
            } else if (applies) {
                add(line);
            }
        }
    }

    private static boolean matches(String patterns, String host) {
        boolean any = false;
        for (String p : patterns.strip().split("\\s+")) {
            boolean negated = p.startsWith("!");
            if (PreferenceList.matches(negated ? p.substring(1) : p, host)) {
                if (negated) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    String get(String key) {
        List<String> list = values.get(key.toLowerCase(Locale.ROOT));
        return list == null ? null : list.get(0);
    }

    String get(String key, String fallback) {
        String v = get(key);
        return v == null ? fallback : v;
    }

    List<String> all(String key) {
        return values.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
    }

    boolean yes(String key, boolean fallback) {
        String v = get(key);
        return v == null ? fallback : v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true");
    }

    /** A number of seconds ({@code 30}, or with OpenSSH's units: {@code 5m}, {@code 1h30m}). */
    long seconds(String key, long fallback) {
        String v = get(key);
        return v == null ? fallback : Units.seconds(v);
    }
}
