package ssh.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import ssh.api.HostKeyVerifier;
import ssh.api.Role;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;

/**
 * Immutable settings of one transport: its role, algorithm preferences (OpenSSH syntax, null for
 * the role's defaults), the crypto-provider chain, host keys (server) or host-key verifier
 * (client), and limits. Build with {@link #client()} or {@link #server()}.
 */
public final class TransportConfig {
    /** Packets up to this size must always be accepted (RFC 4253 section 6.1). */
    public static final int MIN_MAX_PACKET = 35000;

    private final Role role;
    private final AlgorithmRegistry registry;
    private final String providerChain;
    private final Map<AlgorithmFamily<?>, String> preferences;
    private final List<SshKeyPair> hostKeys;
    private final HostKeyVerifier hostKeyVerifier;
    private final int maxPacketSize;
    private final long rekeyBytes;
    private final Duration rekeyInterval;
    private final boolean strictKex;
    private final String softwareVersion;

    private TransportConfig(Builder b) {
        this.role = b.role;
        this.registry = b.registry != null ? b.registry : AlgorithmRegistry.installed();
        this.providerChain = b.providerChain;
        this.preferences = Map.copyOf(b.preferences);
        this.hostKeys = List.copyOf(b.hostKeys);
        this.hostKeyVerifier = b.hostKeyVerifier;
        this.maxPacketSize = b.maxPacketSize;
        this.rekeyBytes = b.rekeyBytes;
        this.rekeyInterval = b.rekeyInterval;
        this.strictKex = b.strictKex;
        this.softwareVersion = b.softwareVersion;
    }

    public static Builder client() {
        return new Builder(Role.CLIENT);
    }

    public static Builder server() {
        return new Builder(Role.SERVER);
    }

    public Role role() {
        return role;
    }

    public AlgorithmRegistry registry() {
        return registry;
    }

    /** The provider chain spec, null for the default chain. */
    public String providerChain() {
        return providerChain;
    }

    /** The preference string for {@code family}, or null for the role's defaults. */
    public String preference(AlgorithmFamily<?> family) {
        return preferences.get(family);
    }

    public List<SshKeyPair> hostKeys() {
        return hostKeys;
    }

    public HostKeyVerifier hostKeyVerifier() {
        return hostKeyVerifier;
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    /** Bytes per direction after which a new key exchange starts; 0 means the cipher's own limit. */
    public long rekeyBytes() {
        return rekeyBytes;
    }

    /** Time after which a new key exchange starts; zero means never by time. */
    public Duration rekeyInterval() {
        return rekeyInterval;
    }

    /** Whether strict key exchange (the Terrapin countermeasure) is offered; on unless a test turns it off. */
    public boolean strictKex() {
        return strictKex;
    }

    /** The software version in our identification string: {@code SSH-2.0-<this>}. */
    public String softwareVersion() {
        return softwareVersion;
    }

    /** Builds a {@link TransportConfig}. */
    public static final class Builder {
        private final Role role;
        private AlgorithmRegistry registry;
        private String providerChain;
        private final Map<AlgorithmFamily<?>, String> preferences = new java.util.HashMap<>();
        private List<SshKeyPair> hostKeys = List.of();
        private HostKeyVerifier hostKeyVerifier;
        private int maxPacketSize = 256 * 1024;
        private long rekeyBytes;
        private Duration rekeyInterval = Duration.ZERO;
        private boolean strictKex = true;
        private String softwareVersion = "secsh_" + Version.VERSION;

        private Builder(Role role) {
            this.role = role;
        }

        /** The algorithms to choose from (default: {@link AlgorithmRegistry#installed()}). */
        public Builder registry(AlgorithmRegistry registry) {
            this.registry = Objects.requireNonNull(registry);
            return this;
        }

        /** The crypto provider chain, e.g. {@code "jca,bc"}; null for the default chain. */
        public Builder providerChain(String spec) {
            this.providerChain = spec;
            return this;
        }

        /** An OpenSSH-style preference for {@code family}, e.g. {@code "+aes128-cbc"}. */
        public Builder preference(AlgorithmFamily<?> family, String spec) {
            if (spec == null) {
                preferences.remove(family);
            } else {
                preferences.put(family, spec);
            }
            return this;
        }

        public Builder kexAlgorithms(String spec) {
            return preference(AlgorithmFamily.KEX, spec);
        }

        public Builder hostKeyAlgorithms(String spec) {
            return preference(AlgorithmFamily.PUBLIC_KEY, spec);
        }

        public Builder ciphers(String spec) {
            return preference(AlgorithmFamily.CIPHER, spec);
        }

        public Builder macs(String spec) {
            return preference(AlgorithmFamily.MAC, spec);
        }

        public Builder compression(String spec) {
            return preference(AlgorithmFamily.COMPRESSION, spec);
        }

        /** The server's host keys, one per key type at most. */
        public Builder hostKeys(List<SshKeyPair> keys) {
            this.hostKeys = List.copyOf(keys);
            return this;
        }

        /** The client's host-key check; required for clients. */
        public Builder hostKeyVerifier(HostKeyVerifier verifier) {
            this.hostKeyVerifier = verifier;
            return this;
        }

        /** Largest packet accepted; at least {@value #MIN_MAX_PACKET} bytes (default 256 KiB). */
        public Builder maxPacketSize(int bytes) {
            if (bytes < MIN_MAX_PACKET || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("max packet size must be 35000 bytes to 16 MiB");
            }
            this.maxPacketSize = bytes;
            return this;
        }

        /** OpenSSH's {@code RekeyLimit}: bytes per direction (0: the cipher's default) and time (zero: none). */
        public Builder rekeyLimit(long bytes, Duration interval) {
            if (bytes < 0 || interval.isNegative()) {
                throw new IllegalArgumentException("negative rekey limit");
            }
            this.rekeyBytes = bytes;
            this.rekeyInterval = interval;
            return this;
        }

        /** Turns off strict key exchange; only tests that prove the Terrapin defence works need this. */
        public Builder strictKex(boolean on) {
            this.strictKex = on;
            return this;
        }

        public Builder softwareVersion(String version) {
            this.softwareVersion = Objects.requireNonNull(version);
            return this;
        }

        public TransportConfig build() {
            if (role == Role.CLIENT && hostKeyVerifier == null) {
                throw new IllegalStateException("a client needs a host-key verifier");
            }
            if (role == Role.SERVER && hostKeys.isEmpty()) {
                throw new IllegalStateException("a server needs at least one host key");
            }
            return new TransportConfig(this);
        }
    }

}
