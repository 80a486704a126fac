package ssh.kex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.KexNames;
import ssh.api.algorithms.PublicKeyNames;
import ssh.api.spi.AlgorithmFactory;

/** The registry finds every method and algorithm of this module through ServiceLoader, once each. */
class ServicesTest {
    @Test
    void registryFindsEveryKexMethod() {
        List<String> names = AlgorithmRegistry.load().installed(AlgorithmFamily.KEX).stream()
                .map(AlgorithmFactory::name).toList();
        assertEquals(KexNames.SUPPORTED, names);
    }

    @Test
    void registryFindsEveryPublicKeyAlgorithm() {
        List<String> names = AlgorithmRegistry.load().installed(AlgorithmFamily.PUBLIC_KEY).stream()
                .map(AlgorithmFactory::name).toList();
        assertEquals(PublicKeyNames.SUPPORTED, names);
    }

    @Test
    void defaultsAreAvailableOnTheDefaultChain() throws Exception {
        AlgorithmRegistry registry = AlgorithmRegistry.load();
        var chain = registry.providerChain(null);
        var available = registry.available(AlgorithmFamily.KEX, chain).stream().map(AlgorithmFactory::name).toList();
        assertTrue(available.containsAll(KexNames.CLIENT_DEFAULTS), available.toString());
        assertTrue(available.containsAll(KexNames.SERVER_DEFAULTS), available.toString());
    }
}
