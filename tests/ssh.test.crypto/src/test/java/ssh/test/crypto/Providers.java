package ssh.test.crypto;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;
import ssh.api.algorithms.AlgorithmRegistry;

/** The providers under test, and the one rule for skipping: the provider says it cannot on this JVM. */
final class Providers {
    /** Found the way users find them: through ServiceLoader on the module path, jca first. */
    private static final List<CryptoProvider> ALL = AlgorithmRegistry.load().cryptoProviders().stream()
            .sorted(java.util.Comparator.comparing(p -> p.name().equals("jca") ? 0 : 1)).toList();

    private Providers() {
    }

    static List<CryptoProvider> all() {
        if (ALL.size() != 2 || !ALL.get(0).name().equals("jca") || !ALL.get(1).name().equals("bc")) {
            throw new IllegalStateException("expected the jca and bc providers on the module path, found " + ALL);
        }
        return ALL;
    }

    static CryptoProvider jca() {
        return ALL.get(0);
    }

    static CryptoProvider bc() {
        return ALL.get(1);
    }

    static void assumeSupports(CryptoProvider p, Primitive primitive) {
        assumeTrue(p.supports(primitive), () -> p.name() + " reports it cannot do " + primitive + " on this JVM");
    }
}
