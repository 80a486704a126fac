package ssh.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ssh.api.algorithms.AuthNames;

/**
 * How the server authenticates users (RFC 4252): an authenticator per method, the method chains
 * a user must complete ({@code AuthenticationMethods}), {@code MaxAuthTries}, {@code LoginGraceTime}
 * and a banner. A method is offered only when its authenticator is configured. Immutable; made with
 * {@link #builder()}.
 */
public final class ServerAuthConfig {
    /** OpenSSH's {@code MaxAuthTries} default. */
    public static final int DEFAULT_MAX_AUTH_TRIES = 6;
    /** OpenSSH's {@code LoginGraceTime} default. */
    public static final Duration DEFAULT_LOGIN_GRACE_TIME = Duration.ofSeconds(120);
    /** The least time a failed attempt takes to answer, so that answers do not tell users apart. */
    public static final Duration DEFAULT_FAILURE_DELAY = Duration.ofMillis(10);

    private final PasswordAuthenticator password;
    private final PublicKeyAuthenticator publicKey;
    private final KeyboardInteractiveAuthenticator keyboardInteractive;
    private final List<List<String>> chains;
    private final int maxAuthTries;
    private final Duration loginGraceTime;
    private final Duration failureDelay;
    private final String banner;
    private final String publicKeyAlgorithms;

    private ServerAuthConfig(Builder b) {
        this.password = b.password;
        this.publicKey = b.publicKey;
        this.keyboardInteractive = b.keyboardInteractive;
        this.maxAuthTries = b.maxAuthTries;
        this.loginGraceTime = b.loginGraceTime;
        this.failureDelay = b.failureDelay;
        this.banner = b.banner;
        this.publicKeyAlgorithms = b.publicKeyAlgorithms;
        List<String> enabled = new ArrayList<>();
        if (publicKey != null) {
            enabled.add(AuthNames.PUBLICKEY);
        }
        if (keyboardInteractive != null) {
            enabled.add(AuthNames.KEYBOARD_INTERACTIVE);
        }
        if (password != null) {
            enabled.add(AuthNames.PASSWORD);
        }
        if (b.chains == null) {
            this.chains = enabled.stream().map(List::of).toList();
        } else {
            for (List<String> chain : b.chains) {
                for (String m : chain) {
                    if (!enabled.contains(m)) {
                        throw new IllegalArgumentException("AuthenticationMethods names " + m
                                + ", which has no authenticator configured");
                    }
                }
            }
            this.chains = b.chains;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public PasswordAuthenticator password() {
        return password;
    }

    public PublicKeyAuthenticator publicKey() {
        return publicKey;
    }

    public KeyboardInteractiveAuthenticator keyboardInteractive() {
        return keyboardInteractive;
    }

    /** The method chains; a user is authenticated on completing any one of them, in order. */
    public List<List<String>> chains() {
        return chains;
    }

    public int maxAuthTries() {
        return maxAuthTries;
    }

    public Duration loginGraceTime() {
        return loginGraceTime;
    }

    public Duration failureDelay() {
        return failureDelay;
    }

    /** The banner sent before the first reply, or null. */
    public String banner() {
        return banner;
    }

    /** The public-key algorithms accepted for user keys; null for every secure one available. */
    public String publicKeyAlgorithms() {
        return publicKeyAlgorithms;
    }

    /** Builds a {@link ServerAuthConfig}. */
    public static final class Builder {
        private PasswordAuthenticator password;
        private PublicKeyAuthenticator publicKey;
        private KeyboardInteractiveAuthenticator keyboardInteractive;
        private List<List<String>> chains;
        private int maxAuthTries = DEFAULT_MAX_AUTH_TRIES;
        private Duration loginGraceTime = DEFAULT_LOGIN_GRACE_TIME;
        private Duration failureDelay = DEFAULT_FAILURE_DELAY;
        private String banner;
        private String publicKeyAlgorithms;

        private Builder() {
        }

        public Builder password(PasswordAuthenticator authenticator) {
            this.password = authenticator;
            return this;
        }

        public Builder publicKey(PublicKeyAuthenticator authenticator) {
            this.publicKey = authenticator;
            return this;
        }

        public Builder keyboardInteractive(KeyboardInteractiveAuthenticator authenticator) {
            this.keyboardInteractive = authenticator;
            return this;
        }

        /**
         * OpenSSH's {@code AuthenticationMethods}: space-separated chains of comma-separated
         * methods, e.g. {@code "publickey,password publickey,keyboard-interactive"}; {@code "any"}
         * (the default) lets any one configured method suffice.
         */
        public Builder authenticationMethods(String spec) {
            if (spec == null || spec.isBlank() || spec.strip().equals("any")) {
                chains = null;
                return this;
            }
            List<List<String>> parsed = new ArrayList<>();
            for (String chain : spec.strip().split("\\s+")) {
                List<String> methods = List.of(chain.split(",", -1));
                if (methods.contains("")) {
                    throw new IllegalArgumentException("empty method in AuthenticationMethods \"" + spec + "\"");
                }
                parsed.add(methods);
            }
            chains = List.copyOf(parsed);
            return this;
        }

        public Builder maxAuthTries(int tries) {
            if (tries < 1) {
                throw new IllegalArgumentException("MaxAuthTries must be at least 1: " + tries);
            }
            this.maxAuthTries = tries;
            return this;
        }

        public Builder loginGraceTime(Duration time) {
            if (time.isNegative() || time.isZero()) {
                throw new IllegalArgumentException("LoginGraceTime must be positive: " + time);
            }
            this.loginGraceTime = time;
            return this;
        }

        /** The least time an answer to a failed attempt takes (zero turns the padding off). */
        public Builder failureDelay(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("failure delay must not be negative: " + delay);
            }
            this.failureDelay = delay;
            return this;
        }

        public Builder banner(String text) {
            this.banner = text;
            return this;
        }

        /** {@code PubkeyAcceptedAlgorithms}, OpenSSH's syntax. */
        public Builder publicKeyAlgorithms(String spec) {
            this.publicKeyAlgorithms = spec;
            return this;
        }

        public ServerAuthConfig build() {
            return new ServerAuthConfig(this);
        }
    }
}
