package ssh.api.algorithms;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import ssh.api.SshCryptoException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.DhPrimitive;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Poly1305Primitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SignaturePrimitive;
import ssh.api.spi.CryptoProvider;

/**
 * An ordered list of crypto providers acting as one: for each primitive, the first provider on the
 * chain that supports it supplies it. So with {@code jca,bc}, sntrup761 comes from Bouncy Castle
 * while AES stays on the JDK. A chain may also carry a per-primitive order (the default chain's
 * measured "fastest first" table), which is consulted before the chain order.
 */
public final class ProviderChain implements CryptoProvider {
    private final List<CryptoProvider> providers;
    private final Map<Primitive, CryptoProvider> chosen = new EnumMap<>(Primitive.class);

    /** A chain of {@code providers}, first preferred. */
    public ProviderChain(List<CryptoProvider> providers) {
        this(providers, Map.of());
    }

    /**
     * A chain of {@code providers} where, for the primitives in {@code preferred}, the named
     * providers are tried first in the order given, before the chain order.
     */
    public ProviderChain(List<CryptoProvider> providers, Map<Primitive, List<String>> preferred) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a provider chain needs at least one provider");
        }
        this.providers = List.copyOf(providers);
        for (Primitive p : Primitive.values()) {
            List<String> order = preferred.getOrDefault(p, List.of());
            this.providers.stream()
                    .filter(c -> c.supports(p))
                    .min(Comparator.comparingInt(c -> order.contains(c.name()) ? order.indexOf(c.name()) : order.size()))
                    .ifPresent(c -> chosen.put(p, c));
        }
    }

    /** The providers, in order. */
    public List<CryptoProvider> providers() {
        return providers;
    }

    /** The provider that supplies {@code primitive}, if any on the chain does. */
    public Optional<CryptoProvider> providerFor(Primitive primitive) {
        return Optional.ofNullable(chosen.get(primitive));
    }

    /** The chain's names joined by commas, as configuration writes it, e.g. {@code "jca,bc"}. */
    @Override
    public String name() {
        return providers.stream().map(CryptoProvider::name).collect(Collectors.joining(","));
    }

    @Override
    public boolean supports(Primitive primitive) {
        return chosen.containsKey(primitive);
    }

    private CryptoProvider of(Primitive primitive) throws SshCryptoException {
        CryptoProvider p = chosen.get(primitive);
        if (p == null) {
            throw unsupported(primitive);
        }
        return p;
    }

    @Override
    public CipherPrimitive cipher(Primitive primitive) throws SshCryptoException {
        return of(primitive).cipher(primitive);
    }

    @Override
    public ChaCha20Primitive chacha20() throws SshCryptoException {
        return of(Primitive.CHACHA20).chacha20();
    }

    @Override
    public AeadPrimitive aead(Primitive primitive) throws SshCryptoException {
        return of(primitive).aead(primitive);
    }

    @Override
    public Poly1305Primitive poly1305() throws SshCryptoException {
        return of(Primitive.POLY1305).poly1305();
    }

    @Override
    public DigestPrimitive digest(Primitive primitive) throws SshCryptoException {
        return of(primitive).digest(primitive);
    }

    @Override
    public MacPrimitive mac(Primitive primitive) throws SshCryptoException {
        return of(primitive).mac(primitive);
    }

    @Override
    public KeyAgreementPrimitive keyAgreement(Primitive primitive) throws SshCryptoException {
        return of(primitive).keyAgreement(primitive);
    }

    @Override
    public DhPrimitive dh(BigInteger p, BigInteger g) throws SshCryptoException {
        return of(Primitive.DH).dh(p, g);
    }

    @Override
    public KemPrimitive kem(Primitive primitive) throws SshCryptoException {
        return of(primitive).kem(primitive);
    }

    @Override
    public SignaturePrimitive signature(Primitive primitive) throws SshCryptoException {
        return of(primitive).signature(primitive);
    }

    @Override
    public PrivateKeyMaterial generateKeyPair(Primitive primitive, int bits) throws SshCryptoException {
        return of(primitive).generateKeyPair(primitive, bits);
    }

    @Override
    public PublicKeyMaterial derivePublicKey(Primitive primitive, Secret seed) throws SshCryptoException {
        return of(primitive).derivePublicKey(primitive, seed);
    }

    @Override
    public byte[] pbkdf2(Primitive primitive, byte[] password, byte[] salt, int iterations, int length)
            throws SshCryptoException {
        return of(primitive).pbkdf2(primitive, password, salt, iterations, length);
    }

    @Override
    public byte[] argon2(Primitive primitive, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int memoryKiB, int passes, int parallelism, int length) throws SshCryptoException {
        return of(primitive).argon2(primitive, password, salt, secret, associatedData, memoryKiB, passes,
                parallelism, length);
    }

    @Override
    public SecureRandom random() throws SshCryptoException {
        return of(Primitive.RANDOM).random();
    }

    @Override
    public String toString() {
        return "ProviderChain[" + name() + "]";
    }
}
