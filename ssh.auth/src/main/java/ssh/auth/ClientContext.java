package ssh.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.ClientAuthContext;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.auth.agent.Identity;
import ssh.transport.Transport;

/** The client auth methods' view of one connection and the application's credentials. */
final class ClientContext implements ClientAuthContext {
    private static final System.Logger LOG = System.getLogger(ClientContext.class.getName());

    private final Transport transport;
    private final ClientAuthConfig config;
    private final ProviderChain chain;
    private final Map<String, PublicKeyAlgorithmFactory> publicKeyAlgorithms = new LinkedHashMap<>();
    private List<UserKey> keys;

    ClientContext(Transport transport, ClientAuthConfig config, AlgorithmRegistry registry, ProviderChain chain)
            throws SshException {
        this.transport = transport;
        this.config = config;
        this.chain = chain;
        for (PublicKeyAlgorithmFactory f : registry.resolve(AlgorithmFamily.PUBLIC_KEY, transport.role(),
                config.publicKeyAlgorithms(), chain)) {
            publicKeyAlgorithms.put(f.name(), f);
        }
    }

    @Override
    public String user() {
        return config.user();
    }

    @Override
    public String host() {
        return transport.peerHost();
    }

    @Override
    public byte[] sessionId() {
        return transport.sessionId();
    }

    @Override
    public List<String> serverSignatureAlgorithms() {
        String list = transport.peerExtensions().get("server-sig-algs");
        return list == null || list.isEmpty() ? List.of() : List.of(list.split(",", -1));
    }

    @Override
    public List<String> publicKeyAlgorithms() {
        return List.copyOf(publicKeyAlgorithms.keySet());
    }

    @Override
    public Optional<PublicKeyAlgorithmFactory> publicKeyAlgorithm(String name) {
        return Optional.ofNullable(publicKeyAlgorithms.get(name));
    }

    @Override
    public <T> List<T> credentials(Class<T> type) {
        Object single = null;
        if (type == UserKey.class) {
            return userKeys().stream().map(type::cast).toList();
        } else if (type == PasswordPrompt.class) {
            single = config.password();
        } else if (type == PasswordChangePrompt.class) {
            single = config.passwordChange();
        } else if (type == KeyboardInteractivePrompt.class) {
            single = config.keyboardInteractive();
        }
        return single == null ? List.of() : List.of(type.cast(single));
    }

    /** The agent's keys, then the configured key pairs not already in the agent; listed once. */
    private List<UserKey> userKeys() {
        if (keys == null) {
            List<UserKey> all = new ArrayList<>();
            List<SshPublicKey> seen = new ArrayList<>();
            if (config.agent() != null) {
                try {
                    for (Identity id : config.agent().identities()) {
                        all.add(UserKey.inAgent(config.agent(), id.key()));
                        seen.add(id.key());
                    }
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "ssh-agent could not list its keys: {0}", e.getMessage());
                }
            }
            for (UserKey key : config.keys()) {
                if (!seen.contains(key.publicKey())) {
                    all.add(key);
                    seen.add(key.publicKey());
                }
            }
            keys = List.copyOf(all);
        }
        return keys;
    }

    @Override
    public CryptoProvider crypto() {
        return chain;
    }
}
