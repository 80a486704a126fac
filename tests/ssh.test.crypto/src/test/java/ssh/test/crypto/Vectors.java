package ssh.test.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Reads the INI-like vector files under {@code vectors/}: {@code [name]} then {@code field = hex} lines. */
final class Vectors {
    private Vectors() {
    }

    /** One published test case. */
    record Case(String file, String name, Map<String, String> fields) {
        String text(String field) {
            String v = fields.get(field);
            if (v == null) {
                throw new IllegalArgumentException(file + " [" + name + "] has no field " + field);
            }
            return v;
        }

        byte[] hex(String field) {
            return HexFormat.of().parseHex(text(field));
        }

        boolean has(String field) {
            return fields.containsKey(field);
        }

        @Override
        public String toString() {
            return file + " [" + name + "]";
        }
    }

    static List<Case> load(String file) {
        InputStream in = Vectors.class.getResourceAsStream("/vectors/" + file);
        if (in == null) {
            throw new IllegalStateException("missing vector file " + file);
        }
        List<Case> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String name = null;
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line = r.readLine(); ; line = r.readLine()) {
                String t = line == null ? "" : line.strip();
                if (t.startsWith("[") || t.isEmpty()) {
                    if (name != null && !fields.isEmpty()) {
                        cases.add(new Case(file, name, Map.copyOf(fields)));
                    }
                    fields.clear();
                    name = t.startsWith("[") ? t.substring(1, t.indexOf(']')) : null;
                    if (line == null) {
                        break;
                    }
                } else if (!t.startsWith("#")) {
                    int eq = t.indexOf('=');
                    fields.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (cases.isEmpty()) {
            throw new IllegalStateException("no cases in " + file);
        }
        return cases;
    }

    /** Every (provider, case) pair, for a parameterized test. */
    static Stream<Arguments> withProviders(String file) {
        List<Case> cases = load(file);
        return Providers.all().stream().flatMap(p -> cases.stream().map(c -> Arguments.of(p, c)));
    }

}
