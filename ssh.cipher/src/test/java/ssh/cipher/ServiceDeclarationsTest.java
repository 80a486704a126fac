package ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssh.api.algorithms.CipherNames;
import ssh.api.algorithms.CompressionNames;
import ssh.api.algorithms.MacNames;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.MacFactory;

/** The module offers every name secsh supports, once, in canonical order, the same way on both paths. */
class ServiceDeclarationsTest {
    private static List<String> names(List<? extends AlgorithmFactory> fs) {
        return fs.stream().map(AlgorithmFactory::name).toList();
    }

    private static List<String> classes(List<?> fs) {
        return fs.stream().map(f -> f.getClass().getName()).toList();
    }

    @Test
    void everySupportedNameHasOneFactory() {
        assertEquals(CipherNames.SUPPORTED, names(Fixtures.ciphers()));
        assertEquals(MacNames.SUPPORTED, names(Fixtures.macs()));
        assertEquals(CompressionNames.SUPPORTED, names(Fixtures.compressions()));
    }

    @Test
    void servicesFilesListTheFactoriesInOrder() throws IOException {
        assertEquals(classes(Fixtures.ciphers()), servicesFile(CipherFactory.class));
        assertEquals(classes(Fixtures.macs()), servicesFile(MacFactory.class));
        assertEquals(classes(Fixtures.compressions()), servicesFile(CompressionFactory.class));
    }

    /** On the module path, module-info's {@code provides} must say the same as the services files. */
    @Test
    void moduleDescriptorAgreesWithServicesFiles() throws IOException {
        Module m = ChaCha20Poly1305.class.getModule();
        if (!m.isNamed()) {
            return; // on the class path there is no descriptor to compare
        }
        for (ModuleDescriptor.Provides p : m.getDescriptor().provides()) {
            assertEquals(p.providers(), servicesFile(p.service()), p.service());
        }
        assertEquals(3, m.getDescriptor().provides().size());
    }

    private static List<String> servicesFile(Class<?> service) throws IOException {
        return servicesFile(service.getName());
    }

    private static List<String> servicesFile(String service) throws IOException {
        String path = "META-INF/services/" + service;
        Module m = ChaCha20Poly1305.class.getModule();
        try (InputStream in = m.isNamed() ? m.getResourceAsStream(path)
                : ChaCha20Poly1305.class.getClassLoader().getResourceAsStream(path)) {
            assertNotNull(in, path);
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        }
    }
}
