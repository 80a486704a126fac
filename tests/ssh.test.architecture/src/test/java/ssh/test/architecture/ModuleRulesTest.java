package ssh.test.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module graph of ARCHITECTURE.md section 1, checked on the real module descriptors: each SDK
 * module requires exactly what its layer may see, and every {@code provides} in a module-info is
 * mirrored in {@code META-INF/services} for class-path users (section 7.2).
 */
class ModuleRulesTest {
    /** Module to its allowed requires (besides java.base), with "+" marking a transitive one. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "ssh.api", Set.of(),
            "ssh.provider.jca", Set.of("ssh.api"),
            "ssh.provider.bc", Set.of("ssh.api", "org.bouncycastle.provider"),
            "ssh.kex", Set.of("ssh.api"),
            "ssh.cipher", Set.of("ssh.api"),
            "ssh.transport", Set.of("+ssh.api"),
            "ssh.auth", Set.of("+ssh.transport"),
            "ssh.connection", Set.of("+ssh.auth"));

    static List<String> sdkModules() {
        return ALLOWED.keySet().stream().sorted().toList();
    }

    private static Module module(String name) {
        return ModuleLayer.boot().findModule(name)
                .orElseThrow(() -> new AssertionError(name + " is not on the module path"));
    }

    @ParameterizedTest
    @MethodSource("sdkModules")
    void requiresExactlyWhatItsLayerMaySee(String name) {
        ModuleDescriptor d = module(name).getDescriptor();
        Set<String> actual = d.requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .map(r -> (r.modifiers().contains(Requires.Modifier.TRANSITIVE) ? "+" : "") + r.name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(ALLOWED.get(name)), actual, name + " requires");
    }

    @ParameterizedTest
    @MethodSource("sdkModules")
    void metaInfServicesMirrorsModuleInfo(String name) throws IOException {
        Module m = module(name);
        Map<String, List<String>> declared = new TreeMap<>();
        for (ModuleDescriptor.Provides p : m.getDescriptor().provides()) {
            declared.put(p.service(), p.providers());
        }
        Map<String, List<String>> listed = new TreeMap<>();
        for (String service : declared.keySet()) {
            try (InputStream in = m.getResourceAsStream("META-INF/services/" + service)) {
                assertTrue(in != null, name + " provides " + service + " but has no META-INF/services file for it");
                listed.put(service, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                        .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).toList());
            }
        }
        assertEquals(declared, listed, name + ": META-INF/services must list what module-info provides, in order");
    }

    @ParameterizedTest
    @MethodSource("sdkModules")
    void onlyTheApiLoadsServices(String name) {
        Set<String> uses = module(name).getDescriptor().uses();
        if (name.equals("ssh.api")) {
            assertEquals(8, uses.size(), "ssh.api uses every SPI: " + uses);
        } else {
            assertEquals(Set.of(), uses, name + " must find algorithms through ssh.api's registry");
        }
    }
}
