package ssh.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import ssh.api.SshException;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.DisconnectReason;
import ssh.auth.AuthenticatedUser;
import ssh.auth.ServerAuthConfig;
import ssh.auth.UserAuthServer;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * An SSH server in one object: listens on an address, runs key exchange and user authentication
 * for each client on its own virtual thread, and serves session channels with the configured
 * handlers. Closing it stops listening and ends every connection; no thread survives.
 *
 * <pre>{@code
 * try (SshServer server = SshServer.builder()
 *         .hostKey(hostKey)
 *         .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build())
 *         .shell(session -> { session.stdout().write("hello\n".getBytes()); return 0; })
 *         .port(2200)
 *         .start()) {
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class SshServer implements AutoCloseable {
    /**
     * The default pre-authentication byte limit: 1 MiB, far above an honest client's few KiB
     * (a post-quantum kex and six public-key tries with large RSA keys stay under 64 KiB).
     */
    public static final long DEFAULT_MAX_PRE_AUTH_BYTES = 1 << 20;

    private final ServerAuthConfig auth;
    private final StartupGate startups;
    private final TransportConfig transportConfig;
    private final ServerConnection loggedIn;
    private final ServerSocket listener;
    private final Set<Transport> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private SshServer(Builder b, ServerSocket listener) throws SshException {
        this.auth = b.auth;
        this.startups = new StartupGate(b.maxStartups, b.perSourceMaxStartups);
        this.transportConfig = b.transport.apply(TransportConfig.server().hostKeys(b.hostKeys)).build();
        this.loggedIn = new ServerConnection(b.limits, new SessionHandlers(b.exec, b.shell, b.subsystems, b.acceptEnv),
                b.forwardingPolicy, b.aliveInterval, b.aliveCountMax, b.unusedTimeout, transportConfig.hostKeys());
        this.listener = listener;
        ServerAcceptor accept = new ServerAcceptor(listener, startups, b.penalties, b.maxPreAuthBytes,
                auth.loginGraceTime(), transportConfig, b.handshakeTimeout,
                (transport, source, guard) -> serveLoggedOut(transport, source, guard, true), () -> closed);
        this.acceptor = Thread.ofVirtual().name("secsh-server-accept").unstarted(accept);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Serves one connection whose transport the caller started (over an in-memory pipe, a tunnel,
     * a socket it accepted itself) with this server's authentication, handlers and limits, and
     * returns when the connection ends. The transport must be a server's, started with
     * {@link #transportConfig()}.
     */
    public void serve(Transport transport) throws SshException {
        if (!startups.admit(null)) {
            transport.disconnect(DisconnectReason.TOO_MANY_CONNECTIONS, "too many unauthenticated connections");
            throw new SshException(DisconnectReason.TOO_MANY_CONNECTIONS, "past MaxStartups", null);
        }
        serveLoggedOut(transport, null, null, false);
    }

    /** The transport configuration this server runs (host keys, algorithms). */
    public TransportConfig transportConfig() {
        return transportConfig;
    }

    /**
     * Authenticates and serves {@code transport}, which counts as unauthenticated until login; closes
     * it at the end. With {@code detach}, this returns at login and the connection's own dispatcher
     * thread serves the session and closes it: this thread's stack, grown deep in the handshake and
     * login, would otherwise stay in the heap (parked, in stack chunks) for the whole idle life of
     * the session.
     */
    private void serveLoggedOut(Transport transport, InetAddress source, PreAuthGuard guard, boolean detach)
            throws SshException {
        boolean counted = true;
        boolean handedOff = false;
        connections.add(transport);
        try {
            if (closed) {
                return;
            }
            AuthenticatedUser user = UserAuthServer.authenticate(transport, auth);
            if (guard != null) {
                guard.loggedIn();
            }
            startups.release(source);
            counted = false;
            if (detach) {
                loggedIn.start(transport, user, () -> {
                    transport.close();
                    connections.remove(transport);
                });
                handedOff = true;
                return;
            }
            loggedIn.serve(transport, user);
        } finally {
            if (counted) {
                startups.release(source);
            }
            if (!handedOff) {
                transport.close();
                connections.remove(transport);
            }
        }
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        acceptor.join();
    }

    /** Stops listening and ends every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Transport t : List.copyOf(connections)) {
            t.close();
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures and starts an {@link SshServer}. */
    public static final class Builder {
        private final List<SshKeyPair> hostKeys = new ArrayList<>();
        private final Map<String, SessionHandler> subsystems = new HashMap<>();
        private UnaryOperator<TransportConfig.Builder> transport = b -> b;
        private ServerAuthConfig auth;
        private SessionHandler exec = new ProcessHandler();
        private SessionHandler shell = new ProcessHandler();
        private List<String> acceptEnv = List.of("LANG", "LC_*");
        private ChannelLimits limits = ChannelLimits.DEFAULT;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = 22;
        private Duration handshakeTimeout = Duration.ofSeconds(30);
        private Duration aliveInterval = Duration.ZERO;
        private Duration unusedTimeout = Duration.ZERO;
        private int maxStartups = 100;
        private int perSourceMaxStartups = Integer.MAX_VALUE;
        private PerSourcePenalties penalties = PerSourcePenalties.DEFAULT;
        private long maxPreAuthBytes = DEFAULT_MAX_PRE_AUTH_BYTES;
        private int aliveCountMax = 3;
        private ForwardingPolicy forwardingPolicy = ForwardingPolicy.DEFAULT;

        private Builder() {
        }

        /**
         * Which port forwardings clients get ({@code direct-tcpip}, {@code tcpip-forward},
         * {@code direct-streamlocal@openssh.com}); {@link ForwardingPolicy#DEFAULT} (sshd's defaults,
         * less Unix sockets) unless set. The authorized_keys options of the user narrow it further.
         */
        public Builder forwarding(ForwardingPolicy policy) {
            this.forwardingPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder hostKey(SshKeyPair key) {
            hostKeys.add(Objects.requireNonNull(key));
            return this;
        }

        /** Adjusts the transport: algorithms, rekey limits and so on. */
        public Builder transport(UnaryOperator<TransportConfig.Builder> adjust) {
            this.transport = Objects.requireNonNull(adjust);
            return this;
        }

        public Builder auth(ServerAuthConfig auth) {
            this.auth = auth;
            return this;
        }

        /** The exec handler; by default {@link ProcessHandler} ({@code sh -c}); null refuses exec. */
        public Builder exec(SessionHandler handler) {
            this.exec = handler;
            return this;
        }

        /** The shell handler; by default {@link ProcessHandler} ({@code sh -l}); null refuses shells. */
        public Builder shell(SessionHandler handler) {
            this.shell = handler;
            return this;
        }

        public Builder subsystem(String name, SessionHandler handler) {
            subsystems.put(name, Objects.requireNonNull(handler));
            return this;
        }

        /** {@code AcceptEnv}: the variable-name patterns passed to handlers; default {@code LANG LC_*}. */
        public Builder acceptEnv(List<String> patterns) {
            this.acceptEnv = List.copyOf(patterns);
            return this;
        }

        public Builder limits(ChannelLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** The address to listen on; by default the loopback address. */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address);
            return this;
        }

        /** The port; 0 picks a free one ({@link SshServer#port()}). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * OpenSSH's ClientAliveInterval and ClientAliveCountMax: a keepalive request to each client
         * every interval, and the connection closed after countMax in a row go unanswered; zero
         * (the default) sends none.
         */
        public Builder clientAlive(Duration interval, int countMax) {
            this.aliveInterval = Objects.requireNonNull(interval);
            this.aliveCountMax = Math.max(1, countMax);
            return this;
        }

        /**
         * OpenSSH's MaxStartups as a hard limit: connections still in key exchange or login beyond
         * this many are closed at once (default 100).
         */
        public Builder maxStartups(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("MaxStartups must be at least 1: " + max);
            }
            this.maxStartups = max;
            return this;
        }

        /** OpenSSH's PerSourceMaxStartups: unauthenticated connections per source address; unlimited by default. */
        public Builder perSourceMaxStartups(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("PerSourceMaxStartups must be at least 1: " + max);
            }
            this.perSourceMaxStartups = max;
            return this;
        }

        /** OpenSSH's PerSourcePenalties; {@link PerSourcePenalties#DEFAULT} (sshd's) unless set. */
        public Builder perSourcePenalties(PerSourcePenalties penalties) {
            this.penalties = Objects.requireNonNull(penalties);
            return this;
        }

        /**
         * The most bytes a client may send before it logs in (version line, key exchange and user
         * authentication together); past it, DISCONNECT. Default {@value SshServer#DEFAULT_MAX_PRE_AUTH_BYTES}.
         */
        public Builder maxPreAuthBytes(long bytes) {
            if (bytes < 16 * 1024) {
                throw new IllegalArgumentException("a pre-auth byte limit under 16 KiB breaks honest clients: " + bytes);
            }
            this.maxPreAuthBytes = bytes;
            return this;
        }

        /** OpenSSH's UnusedConnectionTimeout: close a connection that has had no channel for this long; zero: never. */
        public Builder unusedConnectionTimeout(Duration timeout) {
            this.unusedTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Binds the address and starts accepting connections. */
        public SshServer start() throws IOException {
            if (auth == null) {
                throw new IllegalStateException("no ServerAuthConfig: nobody could log in");
            }
            ServerSocket listener = new ServerSocket();
            try {
                listener.bind(new InetSocketAddress(address, port), 128);
                SshServer server = new SshServer(this, listener);
                server.acceptor.start();
                return server;
            } catch (IOException e) {
                listener.close();
                throw e;
            }
        }
    }
}
