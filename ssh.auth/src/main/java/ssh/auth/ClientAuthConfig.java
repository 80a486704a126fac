package ssh.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.agent.AgentClient;
import ssh.auth.keys.PassphraseSource;
import ssh.auth.keys.PrivateKeyFiles;

/**
 * How the client authenticates (RFC 4252): the user name, the methods in preference order
 * ({@code PreferredAuthentications}), and the credentials each method may use. Immutable; made
 * with {@link #builder(String)}.
 *
 * <pre>{@code
 * ClientAuthConfig auth = ClientAuthConfig.builder("robey")
 *         .key(OpenSshKeyFile.read(Path.of("id_ed25519")).keyPair())
 *         .password(PasswordPrompt.of("foo".toCharArray()))
 *         .build();
 * UserAuthClient.authenticate(transport, auth);
 * }</pre>
 */
public final class ClientAuthConfig {
    /** How long the whole authentication may take unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final String user;
    private final String methods;
    private final String publicKeyAlgorithms;
    private final List<UserKey> keys;
    private final AgentClient agent;
    private final PasswordPrompt password;
    private final PasswordChangePrompt passwordChange;
    private final KeyboardInteractivePrompt keyboardInteractive;
    private final Consumer<String> banner;
    private final Duration timeout;

    private ClientAuthConfig(Builder b) {
        this.user = b.user;
        this.methods = b.methods;
        this.publicKeyAlgorithms = b.publicKeyAlgorithms;
        this.keys = List.copyOf(b.keys);
        this.agent = b.agent;
        this.password = b.password;
        this.passwordChange = b.passwordChange;
        this.keyboardInteractive = b.keyboardInteractive;
        this.banner = b.banner;
        this.timeout = b.timeout;
    }

    /** A builder for {@code user}. */
    public static Builder builder(String user) {
        return new Builder(user);
    }

    public String user() {
        return user;
    }

    /** The methods to try, OpenSSH syntax over the default list; null for the default. */
    public String methods() {
        return methods;
    }

    /** The public-key algorithms to sign with ({@code PubkeyAcceptedAlgorithms}); null for the default. */
    public String publicKeyAlgorithms() {
        return publicKeyAlgorithms;
    }

    /** The keys to offer after the agent's, in order. */
    public List<UserKey> keys() {
        return keys;
    }

    /** The ssh-agent whose keys are offered before {@link #keys()}, or null. */
    public AgentClient agent() {
        return agent;
    }

    public PasswordPrompt password() {
        return password;
    }

    public PasswordChangePrompt passwordChange() {
        return passwordChange;
    }

    public KeyboardInteractivePrompt keyboardInteractive() {
        return keyboardInteractive;
    }

    /** Where the server's banner goes (never null; by default nowhere). */
    public Consumer<String> banner() {
        return banner;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "ClientAuthConfig[user=" + user + ", keys=" + keys.size() + ", agent=" + (agent != null)
                + ", password=" + (password != null) + ", keyboardInteractive=" + (keyboardInteractive != null) + "]";
    }

    /** Builds a {@link ClientAuthConfig}. */
    public static final class Builder {
        private final String user;
        private String methods;
        private String publicKeyAlgorithms;
        private final List<UserKey> keys = new ArrayList<>();
        private AgentClient agent;
        private PasswordPrompt password;
        private PasswordChangePrompt passwordChange;
        private KeyboardInteractivePrompt keyboardInteractive;
        private Consumer<String> banner = text -> { };
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(String user) {
            this.user = Objects.requireNonNull(user);
        }

        /** The methods in preference order, OpenSSH's syntax ({@code "publickey,password"}, {@code "-password"}). */
        public Builder methods(String spec) {
            this.methods = spec;
            return this;
        }

        public Builder publicKeyAlgorithms(String spec) {
            this.publicKeyAlgorithms = spec;
            return this;
        }

        /** Adds a key pair to offer, after the agent's keys and the keys added before. */
        public Builder key(SshKeyPair key) {
            keys.add(UserKey.of(key));
            return this;
        }

        /**
         * Adds the key in {@code file}: OpenSSH, PEM, PKCS#8 or PuTTY format, asking
         * {@code passphrase} if it is encrypted (like {@code ssh -i}).
         */
        public Builder identityFile(Path file, PassphraseSource passphrase) throws IOException {
            return key(PrivateKeyFiles.read(file, passphrase).keyPair());
        }

        /** Adds a key held elsewhere (a token, a custom signer) to offer, after those added before. */
        public Builder userKey(UserKey key) {
            keys.add(Objects.requireNonNull(key));
            return this;
        }

        public Builder agent(AgentClient agent) {
            this.agent = agent;
            return this;
        }

        public Builder password(PasswordPrompt prompt) {
            this.password = prompt;
            return this;
        }

        public Builder passwordChange(PasswordChangePrompt prompt) {
            this.passwordChange = prompt;
            return this;
        }

        public Builder keyboardInteractive(KeyboardInteractivePrompt prompt) {
            this.keyboardInteractive = prompt;
            return this;
        }

        public Builder banner(Consumer<String> listener) {
            this.banner = Objects.requireNonNull(listener);
            return this;
        }

        /** How long the whole authentication may take, from the service request to success. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public ClientAuthConfig build() {
            return new ClientAuthConfig(this);
        }
    }
}
