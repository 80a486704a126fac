package ssh.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import ssh.api.Role;
import ssh.api.SshAlgorithmException;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.KexNames;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.KexFactory;
import ssh.api.spi.MacFactory;
import ssh.api.spi.PublicKeyAlgorithmFactory;

/**
 * The algorithms one transport offers, resolved once from its configuration: each family's
 * ordered factories, the provider chain, and the KEXINIT built from them.
 */
final class AlgorithmSet {
    final ProviderChain crypto;
    final Map<String, KexFactory> kex;
    final Map<String, PublicKeyAlgorithmFactory> hostKey;
    final Map<String, CipherFactory> ciphers;
    final Map<String, MacFactory> macs;
    final Map<String, CompressionFactory> compression;
    /** Server: the host key for each offered host-key algorithm name. */
    final Map<String, SshKeyPair> hostKeyPairs;
    final long rekeyBytes;
    /** Server: the public-key algorithms announced in server-sig-algs for user authentication. */
    final List<String> userKeyAlgorithms;
    private final TransportConfig config;

    AlgorithmSet(TransportConfig config) throws SshException {
        this.config = config;
        AlgorithmRegistry registry = config.registry();
        this.crypto = registry.providerChain(config.providerChain());
        Role role = config.role();
        this.kex = resolve(registry, AlgorithmFamily.KEX, role);
        this.ciphers = resolve(registry, AlgorithmFamily.CIPHER, role);
        this.macs = resolve(registry, AlgorithmFamily.MAC, role);
        this.compression = resolve(registry, AlgorithmFamily.COMPRESSION, role);
        Map<String, PublicKeyAlgorithmFactory> allHostKey = resolve(registry, AlgorithmFamily.PUBLIC_KEY, role);
        if (role == Role.SERVER) {
            // Offer only the algorithms we hold a key for.
            Map<String, SshKeyPair> pairs = new java.util.LinkedHashMap<>();
            for (PublicKeyAlgorithmFactory f : allHostKey.values()) {
                config.hostKeys().stream().filter(k -> k.publicKey().type().equals(f.keyType())).findFirst()
                        .ifPresent(k -> pairs.put(f.name(), k));
            }
            if (pairs.isEmpty()) {
                throw new SshAlgorithmException("no host key matches the host key algorithms " + allHostKey.keySet());
            }
            allHostKey.keySet().retainAll(pairs.keySet());
            this.hostKeyPairs = Map.copyOf(pairs);
        } else {
            this.hostKeyPairs = Map.of();
        }
        this.userKeyAlgorithms = role == Role.SERVER
                ? registry.available(AlgorithmFamily.PUBLIC_KEY, crypto).stream().map(AlgorithmFactory::name)
                        .filter(name -> !AlgorithmFamily.PUBLIC_KEY.insecure().contains(name)).toList()
                : List.of();
        this.hostKey = allHostKey;
        long limit = config.rekeyBytes();
        if (limit == 0) {
            // OpenSSH's default: 2^(2 x block bits) blocks for 16-byte blocks, 1 GiB for smaller ones.
            int smallest = ciphers.values().stream().mapToInt(CipherFactory::blockSize).min().orElse(8);
            limit = smallest >= 16 ? 1L << 36 : 1L << 30;
        }
        this.rekeyBytes = limit;
    }

    private <F extends AlgorithmFactory> Map<String, F> resolve(AlgorithmRegistry registry,
            AlgorithmFamily<F> family, Role role) throws SshException {
        return byName(registry.resolve(family, role, config.preference(family), crypto));
    }

    /**
     * Client: the key types the host-key verifier already has for {@code host:port}, which the first
     * KEXINIT offers first; none when it cannot tell.
     */
    List<String> knownKeyTypes(String host, int port) {
        if (config.role() != Role.CLIENT) {
            return List.of();
        }
        try {
            return config.hostKeyVerifier().knownKeyTypes(host, port);
        } catch (SshException | RuntimeException e) {
            return List.of();
        }
    }

    boolean isAead(String cipher) {
        CipherFactory f = ciphers.get(cipher);
        return f != null && f.isAead();
    }

    /**
     * Our KEXINIT; the first one carries the ext-info and strict-kex markers. A client lists first the
     * host-key algorithms whose key types are in {@code knownKeyTypes}.
     */
    KexInit kexInit(Role role, boolean first, List<String> knownKeyTypes) throws SshException {
        List<String> kexNames = new ArrayList<>(kex.keySet());
        if (first) {
            kexNames.add(role == Role.CLIENT ? KexNames.EXT_INFO_C : KexNames.EXT_INFO_S);
            if (config.strictKex()) {
                kexNames.add(role == Role.CLIENT ? KexNames.KEX_STRICT_C : KexNames.KEX_STRICT_S);
            }
        }
        byte[] cookie = new byte[16];
        crypto.random().nextBytes(cookie);
        List<String> hostKeyNames = new ArrayList<>(hostKey.keySet());
        hostKeyNames.sort(java.util.Comparator.comparing(name -> !knownKeyTypes.contains(hostKey.get(name).keyType())));
        return KexInit.create(cookie, kexNames, hostKeyNames, List.copyOf(ciphers.keySet()),
                List.copyOf(macs.keySet()), List.copyOf(compression.keySet()));
    }

    static <F extends AlgorithmFactory> Map<String, F> byName(List<F> factories) {
        return factories.stream().collect(Collectors.toMap(AlgorithmFactory::name, Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
