package ssh.api.algorithms;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * An ordered list of crypto providers acting as one: for each primitive, the first provider on the
 * chain that supports it supplies it. So with {@code jca,bc}, sntrup761 comes from Bouncy Castle
 * while AES stays on the JDK.
 */
public final class ProviderChain implements CryptoProvider {
    private final List<CryptoProvider> providers;

    /** A chain of {@code providers}, first preferred; use {@link AlgorithmRegistry#providerChain(String)} to build one by name. */
    public ProviderChain(List<CryptoProvider> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a provider chain needs at least one provider");
        }
        this.providers = List.copyOf(providers);
    }

    /** The providers, in order. */
    public List<CryptoProvider> providers() {
        return providers;
    }

    /** The provider that supplies {@code primitive}, if any on the chain does. */
    public Optional<CryptoProvider> providerFor(Primitive primitive) {
        for (CryptoProvider p : providers) {
            if (p.supports(primitive)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The chain's names joined by commas, as configuration writes it, e.g. {@code "jca,bc"}. */
    @Override
    public String name() {
        return providers.stream().map(CryptoProvider::name).collect(Collectors.joining(","));
    }

    @Override
    public boolean supports(Primitive primitive) {
        return providerFor(primitive).isPresent();
    }

    @Override
    public String toString() {
        return "ProviderChain[" + name() + "]";
    }
}
