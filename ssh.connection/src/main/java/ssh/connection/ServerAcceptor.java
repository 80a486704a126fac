package ssh.connection;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.DisconnectReason;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The accept loop of an {@link SshServer} and its admission of each connection: a penalised
 * source (PerSourcePenalties) or one past MaxStartups or PerSourceMaxStartups is dropped at once;
 * an admitted connection gets a {@link PreAuthGuard} and a server transport on its own virtual
 * thread, and is handed to the server to log in and be served. A connection that ends before
 * login earns its source the matching penalty.
 */
final class ServerAcceptor implements Runnable {
    /** Authenticates and serves a started transport, counted by the {@link StartupGate} until login. */
    @FunctionalInterface
    interface Handoff {
        void serve(Transport transport, InetAddress source, PreAuthGuard guard) throws SshException;
    }

    private static final Logger LOG = System.getLogger(SshServer.class.getName());

    private final ServerSocket listener;
    private final StartupGate startups;
    private final PenaltyBox penalties;
    private final long maxPreAuthBytes;
    private final Duration loginGraceTime;
    private final TransportConfig transportConfig;
    private final Duration handshakeTimeout;
    private final Handoff handoff;
    private final BooleanSupplier closed;

    ServerAcceptor(ServerSocket listener, StartupGate startups, PerSourcePenalties penalties, long maxPreAuthBytes,
            Duration loginGraceTime, TransportConfig transportConfig, Duration handshakeTimeout, Handoff handoff,
            BooleanSupplier closed) {
        this.listener = listener;
        this.startups = startups;
        this.penalties = new PenaltyBox(penalties);
        this.maxPreAuthBytes = maxPreAuthBytes;
        this.loginGraceTime = loginGraceTime;
        this.transportConfig = transportConfig;
        this.handshakeTimeout = handshakeTimeout;
        this.handoff = handoff;
        this.closed = closed;
    }

    /** Accepts until the listener closes; each admitted connection runs on its own virtual thread. */
    @Override
    public void run() {
        while (!closed.getAsBoolean()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed.getAsBoolean()) {
                    LOG.log(Level.WARNING, "accept failed: {0}", e.getMessage());
                }
                return;
            }
            InetAddress source = socket.getInetAddress();
            String refusal = penalties.refused(source) ? "PerSourcePenalties"
                    : !startups.admit(source) ? "MaxStartups or PerSourceMaxStartups" : null;
            if (refusal != null) {
                // Too many connections still in key exchange or login, or a penalised source: drop this one.
                LOG.log(Level.INFO, "drop connection from {0}: {1}", socket.getRemoteSocketAddress(), refusal);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // dropping anyway
                }
                continue;
            }
            Thread.ofVirtual().name("secsh-server-connection").start(() -> serve(socket, source));
        }
    }

    private void serve(Socket socket, InetAddress source) {
        Transport transport = null;
        PreAuthGuard guard = null;
        try {
            guard = new PreAuthGuard(socket.getInputStream(), maxPreAuthBytes, loginGraceTime, socket,
                    String.valueOf(socket.getRemoteSocketAddress()));
            socket.setTcpNoDelay(true);
            transport = Transport.start(transportConfig, source.getHostAddress(), socket.getPort(), guard,
                    socket.getOutputStream(), socket, handshakeTimeout);
            handoff.serve(transport, source, guard);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "connection from {0} ended: {1}", socket.getRemoteSocketAddress(), e.getMessage());
            if (guard == null || !guard.isLoggedIn()) {
                penalise(source, e, guard);
            }
        } finally {
            if (guard != null) {
                guard.close();
            }
            if (transport == null) {
                startups.release(source);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /** PerSourcePenalties: a connection ended before login; its source earns the matching penalty. */
    private void penalise(InetAddress source, IOException e, PreAuthGuard guard) {
        PerSourcePenalties p = penalties.config();
        Duration penalty = guard != null && guard.graceExceeded() || e instanceof SshTimeoutException
                ? p.graceExceeded()
                : e instanceof SshException s && s.reasonCode() == DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE
                        ? p.authfail() : p.noauth();
        penalties.penalise(source, penalty);
    }
}
