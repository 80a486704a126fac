package ssh.tools.cli;

import java.util.List;
import java.util.stream.Stream;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;

/** {@code secsh -Q}: what this build and provider chain can do, one name a line, like {@code ssh -Q}. */
final class Query {
    private Query() {
    }

    static int print(String what, String providerChain) throws Getopt.UsageException {
        AlgorithmRegistry registry = AlgorithmRegistry.installed();
        ProviderChain chain;
        try {
            chain = registry.providerChain(providerChain);
        } catch (SshException e) {
            throw new Getopt.UsageException(e.getMessage());
        }
        List<String> names = switch (what) {
            case "kex" -> names(registry.available(AlgorithmFamily.KEX, chain));
            case "cipher" -> names(registry.available(AlgorithmFamily.CIPHER, chain));
            case "mac" -> names(registry.available(AlgorithmFamily.MAC, chain));
            case "compression" -> names(registry.available(AlgorithmFamily.COMPRESSION, chain));
            case "key-sig", "key-alg", "PubkeyAcceptedAlgorithms", "HostKeyAlgorithms" ->
                    names(registry.available(AlgorithmFamily.PUBLIC_KEY, chain));
            case "key", "key-plain" -> registry.available(AlgorithmFamily.PUBLIC_KEY, chain).stream()
                    .map(PublicKeyAlgorithmFactory::keyType).distinct().toList();
            case "auth" -> names(registry.available(AlgorithmFamily.CLIENT_AUTH, chain));
            case "provider" -> chain.providers().stream().map(CryptoProvider::name).toList();
            default -> throw new Getopt.UsageException("Unsupported query \"" + what + "\"");
        };
        names.forEach(System.out::println);
        return 0;
    }

    private static List<String> names(List<? extends AlgorithmFactory> factories) {
        return factories.stream().map(AlgorithmFactory::name).flatMap(Stream::of).toList();
    }
}
