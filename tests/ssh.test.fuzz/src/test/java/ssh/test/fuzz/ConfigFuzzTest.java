package ssh.test.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.PreferenceList;
import ssh.api.algorithms.ProviderChain;

/**
 * The SDK's configuration strings: algorithm preference lists in OpenSSH's syntax ({@code +},
 * {@code -}, {@code ^}, wildcards) resolved for every family and role, and the wildcard matcher
 * every pattern in the library goes through (preference lists, known_hosts, authorized_keys
 * {@code from=}, AcceptEnv, permitopen), which must stay fast whatever the pattern.
 */
class ConfigFuzzTest {
    private static final AlgorithmRegistry REGISTRY = AlgorithmRegistry.load();
    private static final ProviderChain CRYPTO = chain();
    private static final List<AlgorithmFamily<?>> FAMILIES = List.of(AlgorithmFamily.KEX, AlgorithmFamily.PUBLIC_KEY,
            AlgorithmFamily.CIPHER, AlgorithmFamily.MAC, AlgorithmFamily.COMPRESSION, AlgorithmFamily.CLIENT_AUTH,
            AlgorithmFamily.SERVER_AUTH);

    private static ProviderChain chain() {
        try {
            return REGISTRY.providerChain(null);
        } catch (SshException e) {
            throw new IllegalStateException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void preferenceLists(FuzzedDataProvider data) {
        AlgorithmFamily<?> family = FAMILIES.get(data.consumeInt(0, FAMILIES.size() - 1));
        Role role = data.consumeBoolean() ? Role.CLIENT : Role.SERVER;
        String spec = data.consumeString(512);
        Targets.expectOnlySshExceptions(() -> REGISTRY.resolve(family, role, spec, CRYPTO));
        Targets.expectOnlySshExceptions(() -> REGISTRY.providerChain(spec));
    }

    @FuzzTest(maxDuration = "10m")
    void wildcardPatterns(FuzzedDataProvider data) {
        String pattern = data.consumeString(256);
        String name = data.consumeRemainingAsString();
        PreferenceList.matches(pattern, name);
    }
}
