package ssh.api.algorithms;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import ssh.api.crypto.Primitive;

/**
 * The default chain's per-primitive provider order: "fastest first", as measured by the JMH
 * module and kept in {@code provider-preferences.properties} beside this class, keyed by the JDK
 * feature version it was measured on. The running JDK uses the newest measurement that is not
 * newer than itself; with none, the chain order alone decides.
 */
final class ProviderPreferences {
    private static final String RESOURCE = "provider-preferences.properties";

    private ProviderPreferences() {
    }

    /** The order for the running JDK. */
    static Map<Primitive, List<String>> forRunningJdk() {
        return forJdk(Runtime.version().feature(), load());
    }

    static Map<Primitive, List<String>> forJdk(int feature, Properties measured) {
        int best = -1;
        for (String key : measured.stringPropertyNames()) {
            int v = Integer.parseInt(key.substring(0, key.indexOf('.')));
            if (v <= feature && v > best) {
                best = v;
            }
        }
        Map<Primitive, List<String>> order = new EnumMap<>(Primitive.class);
        String prefix = best + ".";
        for (String key : measured.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                order.put(Primitive.valueOf(key.substring(prefix.length())),
                        Arrays.stream(measured.getProperty(key).split(",")).map(String::strip).toList());
            }
        }
        return order;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ProviderPreferences.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException | IllegalArgumentException e) {
            // A damaged table only costs speed: fall back to the chain order.
            return new Properties();
        }
        return p;
    }
}
