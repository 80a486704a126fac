package ssh.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.PreferenceList;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.AlgorithmFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.spi.ServerAuthContext;
import ssh.transport.Transport;

/** The server auth methods' view of one connection and the application's authenticators. */
final class ServerContext implements ServerAuthContext {
    private final Transport transport;
    private final ServerAuthConfig config;
    private final ProviderChain chain;
    private final Map<String, PublicKeyAlgorithmFactory> publicKeyAlgorithms = new LinkedHashMap<>();
    final List<Object> granted = new ArrayList<>();

    ServerContext(Transport transport, ServerAuthConfig config, AlgorithmRegistry registry, ProviderChain chain)
            throws SshException {
        this.transport = transport;
        this.config = config;
        this.chain = chain;
        // By default every secure algorithm available, as the transport announces in server-sig-algs.
        List<PublicKeyAlgorithmFactory> available = registry.available(AlgorithmFamily.PUBLIC_KEY, chain);
        List<String> names = available.stream().map(AlgorithmFactory::name).toList();
        List<String> secure = names.stream().filter(n -> !AlgorithmFamily.PUBLIC_KEY.insecure().contains(n)).toList();
        for (String name : PreferenceList.resolve("public key", config.publicKeyAlgorithms(), secure, names,
                Map.of())) {
            available.stream().filter(f -> f.name().equals(name)).findFirst()
                    .ifPresent(f -> publicKeyAlgorithms.put(name, f));
        }
    }

    @Override
    public byte[] sessionId() {
        return transport.sessionId();
    }

    @Override
    public String clientAddress() {
        return transport.peerHost();
    }

    @Override
    public Optional<PublicKeyAlgorithmFactory> publicKeyAlgorithm(String name) {
        return Optional.ofNullable(publicKeyAlgorithms.get(name));
    }

    @Override
    public <T> Optional<T> authenticator(Class<T> type) {
        Object a = null;
        if (type == PasswordAuthenticator.class) {
            a = config.password();
        } else if (type == PublicKeyAuthenticator.class) {
            a = config.publicKey();
        } else if (type == KeyboardInteractiveAuthenticator.class) {
            a = config.keyboardInteractive();
        }
        return Optional.ofNullable(a).map(type::cast);
    }

    @Override
    public void grant(Object attribute) {
        granted.add(attribute);
    }

    @Override
    public CryptoProvider crypto() {
        return chain;
    }
}
