package ssh.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import ssh.api.HostKeyVerifier;
import ssh.api.SshException;
import ssh.api.crypto.SshPublicKey;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.auth.ClientAuthConfig;
import ssh.auth.UserAuthClient;
import ssh.auth.knownhosts.KnownHostsVerifier;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * An SSH client in one call: {@link #connect} opens the TCP connection, runs key exchange,
 * checks the host key ({@code ~/.ssh/known_hosts} unless told otherwise), authenticates with the
 * credentials given, and returns a client ready to run commands. Closing it ends the connection;
 * no thread survives.
 *
 * <pre>{@code
 * try (SshClient ssh = SshClient.connect("example.org", 22, ClientAuthConfig.builder("robey")
 *         .password(PasswordPrompt.of("foo".toCharArray())).build())) {
 *     ExecResult r = ssh.exec("uname -a");
 *     System.out.print(r.stdoutText());
 * }
 * }</pre>
 */
public final class SshClient implements AutoCloseable {
    private static final Logger LOG = System.getLogger(SshClient.class.getName());
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final Connection connection;
    private final List<String> authMethods;
    private final ClientForwarding forwarding;
    private final HostKeys hostKeys;

    private SshClient(Connection connection, List<String> authMethods, Duration aliveInterval, int aliveCountMax,
            ClientForwarding forwarding, HostKeys hostKeys) {
        this.connection = connection;
        this.authMethods = authMethods;
        this.hostKeys = hostKeys;
        this.forwarding = forwarding;
        if (!aliveInterval.isZero()) {
            connection.keepalive(aliveInterval, aliveCountMax);
        }
    }

    /** Connects with the defaults: known_hosts checking ({@code StrictHostKeyChecking ask} answered no). */
    public static SshClient connect(String host, int port, ClientAuthConfig auth) throws SshException {
        return builder(host, port).connect(auth);
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /**
     * Every host key the server announced after login ({@code hostkeys-00@openssh.com}, as sshd
     * sends it), including the one the connection was verified with. Announced, not proved: trust
     * them only as far as you trust this connection's own host key.
     */
    public List<SshPublicKey> serverHostKeys() {
        return hostKeys.keys();
    }

    /** The methods that authenticated the user, in order. */
    public List<String> authMethods() {
        return authMethods;
    }

    public Connection connection() {
        return connection;
    }

    /** Opens a session channel. */
    public Session openSession() throws SshException {
        return connection.open("session", new byte[0], Session::new, OPEN_TIMEOUT);
    }

    /** Runs {@code command} with no input and collects its output and exit status. */
    public ExecResult exec(String command, Duration timeout) throws SshException {
        try (Session s = openSession()) {
            s.exec(command);
            s.shutdownOutput();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread stderr = Thread.ofVirtual().start(() -> drain(s.getErrorStream(), err));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            drain(s.getInputStream(), out);
            stderr.join(timeout);
            return new ExecResult(out.toByteArray(), err.toByteArray(), s.waitFor(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        }
    }

    /** {@link #exec(String, Duration)} waiting at most ten minutes. */
    public ExecResult exec(String command) throws SshException {
        return exec(command, Duration.ofMinutes(10));
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "reading a channel failed: {0}", e.getMessage());
        }
    }

    /**
     * Local port forwarding ({@code ssh -L}): listens on {@code listen} (port 0 picks a free one)
     * and sends each connection through a {@code direct-tcpip} channel to {@code targetHost:targetPort},
     * which the server connects to.
     */
    public Forwarding forwardLocal(InetSocketAddress listen, String targetHost, int targetPort) throws IOException {
        return forwarding.local(listen, targetHost, targetPort);
    }

    /**
     * Local forwarding to a Unix socket on the server ({@code ssh -L port:/path}): each connection
     * to {@code listen} goes through a {@code direct-streamlocal@openssh.com} channel to {@code remotePath}.
     */
    public Forwarding forwardLocalToUnixSocket(InetSocketAddress listen, String remotePath) throws IOException {
        return forwarding.localToSocket(listen, remotePath);
    }

    /**
     * Remote port forwarding ({@code ssh -R}): asks the server to listen on {@code bindAddress:bindPort}
     * ({@code "localhost"} for loopback, {@code ""} for every address, as the server allows; port 0
     * lets it choose, see {@link Forwarding#port()}) and connects each connection it sends back to
     * {@code targetHost:targetPort} from here.
     *
     * @throws SshException if the server refuses
     */
    public Forwarding forwardRemote(String bindAddress, int bindPort, String targetHost, int targetPort)
            throws SshException {
        return forwarding.remote(bindAddress, bindPort, targetHost, targetPort);
    }

    /**
     * Dynamic forwarding ({@code ssh -D}): a SOCKS 4, 4a and 5 proxy (CONNECT, no authentication)
     * on {@code listen}; each connection goes through a {@code direct-tcpip} channel to the
     * destination it names. A client that has not finished its SOCKS handshake within ten seconds
     * is dropped.
     */
    public Forwarding forwardDynamic(InetSocketAddress listen) throws IOException {
        return forwardDynamic(listen, Duration.ofSeconds(10));
    }

    /** {@link #forwardDynamic(InetSocketAddress)} with the time a client has for its SOCKS handshake. */
    public Forwarding forwardDynamic(InetSocketAddress listen, Duration handshakeTimeout) throws IOException {
        return forwarding.dynamic(listen, Objects.requireNonNull(handshakeTimeout));
    }

    /**
     * A {@code direct-tcpip} channel to {@code host:port} for the caller to read and write
     * ({@code ssh -W}); the originator is given as 127.0.0.1 port 65535, as ssh does.
     *
     * @throws ssh.api.SshChannelOpenException if the server refuses or cannot connect
     */
    public Channel openDirectTcpip(String host, int port) throws SshException {
        return forwarding.directTcpip(host, port, "127.0.0.1", 65535);
    }

    /** A {@code direct-streamlocal@openssh.com} channel to the Unix socket at {@code path} on the server. */
    public Channel openDirectUnixSocket(String path) throws SshException {
        return forwarding.directStreamLocal(path);
    }

    @Override
    public void close() {
        connection.close();
        forwarding.close();
    }

    /** Options for {@link SshClient}: host-key checking, the transport, channel limits, timeouts, keepalive. */
    public static final class Builder {
        private final String host;
        private final int port;
        private HostKeyVerifier verifier;
        private UnaryOperator<TransportConfig.Builder> transport = b -> b;
        private ChannelLimits limits = ChannelLimits.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration aliveInterval = Duration.ZERO;
        private int aliveCountMax = 3;

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host);
            this.port = port;
        }

        /** How the host key is checked; by default {@code ~/.ssh/known_hosts}, unknown hosts refused. */
        public Builder hostKeyVerifier(HostKeyVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        public Builder transport(UnaryOperator<TransportConfig.Builder> adjust) {
            this.transport = Objects.requireNonNull(adjust);
            return this;
        }

        public Builder limits(ChannelLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** ConnectTimeout: for the TCP connection and, separately, for the key exchange. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** ServerAliveInterval and ServerAliveCountMax; zero (the default) sends no keepalives. */
        public Builder serverAlive(Duration interval, int countMax) {
            this.aliveInterval = Objects.requireNonNull(interval);
            this.aliveCountMax = Math.max(1, countMax);
            return this;
        }

        /** Connects, checks the host key, authenticates and starts the connection protocol. */
        public SshClient connect(ClientAuthConfig auth) throws SshException {
            TransportConfig config = config();
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            } catch (IOException e) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // already failing
                }
                throw new SshException("ssh: connect to host " + host + " port " + port + ": " + e.getMessage(), e);
            }
            return start(Transport.client(socket, config, host, port, connectTimeout), auth);
        }

        /**
         * Connects through {@code tunnel}, a channel to this builder's host and port opened on
         * another connection (OpenSSH's ProxyJump: {@link SshClient#openDirectTcpip} on the jump
         * host). The host key is checked against this builder's host and port, not the jump host's.
         */
        public SshClient connectVia(Channel tunnel, ClientAuthConfig auth) throws SshException {
            Transport t = Transport.start(config(), host, port, tunnel.getInputStream(), tunnel.getOutputStream(),
                    tunnel::close, connectTimeout);
            return start(t, auth);
        }

        /**
         * Authenticates over a client transport the caller started itself (over an in-memory pipe,
         * say; this builder's host-key checking and transport options are then the caller's) and
         * starts the connection protocol.
         */
        public SshClient over(Transport transport, ClientAuthConfig auth) throws SshException {
            return start(transport, auth);
        }

        private TransportConfig config() throws SshException {
            HostKeyVerifier v = verifier != null ? verifier : KnownHostsVerifier.of(
                    Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), KnownHostsVerifier.Policy.YES,
                    AlgorithmRegistry.installed().providerChain(null), false);
            return transport.apply(TransportConfig.client().hostKeyVerifier(v)).build();
        }

        private SshClient start(Transport t, ClientAuthConfig auth) throws SshException {
            try {
                List<String> methods = UserAuthClient.authenticate(t, auth);
                ClientForwarding forwarding = new ClientForwarding(OPEN_TIMEOUT);
                HostKeys announced = new HostKeys();
                Connection c = Connection.start(t, limits, forwarding::open, announced);
                forwarding.attach(c);
                return new SshClient(c, methods, aliveInterval, aliveCountMax, forwarding, announced);
            } catch (SshException e) {
                t.close();
                throw e;
            }
        }
    }
}
