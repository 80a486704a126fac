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
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.wire.ChannelOpenFailure;
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
    private final Thread keepalive;

    private SshClient(Connection connection, List<String> authMethods, Duration aliveInterval, int aliveCountMax) {
        this.connection = connection;
        this.authMethods = authMethods;
        this.keepalive = aliveInterval.isZero() ? null
                : Thread.ofVirtual().name("secsh-keepalive").start(() -> keepalive(aliveInterval, aliveCountMax));
    }

    /** Connects with the defaults: known_hosts checking ({@code StrictHostKeyChecking ask} answered no). */
    public static SshClient connect(String host, int port, ClientAuthConfig auth) throws SshException {
        return builder(host, port).connect(auth);
    }

    public static Builder builder(String host, int port) {
        return new Builder(host, port);
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

    /** OpenSSH's ServerAliveInterval: a keepalive request every interval; the connection ends after countMax unanswered. */
    private void keepalive(Duration interval, int countMax) {
        int missed = 0;
        while (connection.isOpen()) {
            try {
                Thread.sleep(interval);
                connection.globalRequest("keepalive@openssh.com", new byte[0], interval);
                missed = 0;
            } catch (InterruptedException e) {
                return;
            } catch (SshException e) {
                if (++missed >= countMax) {
                    LOG.log(Level.INFO, "Timeout, server not responding.");
                    connection.close();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        connection.close();
        if (keepalive != null) {
            keepalive.interrupt();
        }
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
            HostKeyVerifier v = verifier != null ? verifier : KnownHostsVerifier.of(
                    Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), KnownHostsVerifier.Policy.YES,
                    AlgorithmRegistry.load().providerChain(null), false);
            TransportConfig config = transport.apply(TransportConfig.client().hostKeyVerifier(v)).build();
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
            Transport t = Transport.client(socket, config, host, port, connectTimeout);
            try {
                List<String> methods = UserAuthClient.authenticate(t, auth);
                Connection c = Connection.start(t, limits, (conn, id, type, data) -> {
                    throw new SshChannelOpenException(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                            "this client opens no " + type + " channels");
                }, (name, data) -> null);
                return new SshClient(c, methods, aliveInterval, aliveCountMax);
            } catch (SshException e) {
                t.close();
                throw e;
            }
        }
    }
}
