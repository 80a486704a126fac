package ssh.connection;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;

/**
 * A channel that carries one forwarded connection, pumped to and from a local socket. Channels
 * this side opens ({@code direct-tcpip} from a local listener, {@code forwarded-tcpip} from a
 * remote listener) are handed their socket with {@link #pump}; channels the peer opens name a
 * {@link Target}, which is connected on a virtual thread before the open is confirmed, or refused
 * with CONNECT_FAILED (see {@link DeferredOpen}).
 */
final class ForwardChannel extends Channel implements DeferredOpen {
    private static final Logger LOG = System.getLogger(ForwardChannel.class.getName());

    /** Where a channel the peer opened leads: a TCP host and port, or a Unix-socket path. */
    record Target(String host, int port, String path, Duration connectTimeout) {
        static Target tcp(String host, int port, Duration connectTimeout) {
            return new Target(host, port, null, connectTimeout);
        }

        static Target unix(String path) {
            return new Target(null, 0, path, Duration.ZERO);
        }

        @Override
        public String toString() {
            return path != null ? path : host + ":" + port;
        }
    }

    private final Set<Pump> live;
    private final Target target;
    private final ReentrantLock lock = new ReentrantLock();
    private AutoCloseable connecting;
    private Pump pump;
    private boolean gone;
    private boolean goneWithConnection;

    private ForwardChannel(Connection connection, int localId, String type, Set<Pump> live, Target target) {
        super(connection, localId, type);
        this.live = live;
        this.target = target;
    }

    /** A factory for {@link Connection#open}: channels this side opens, pumped once confirmed. */
    static Connection.ChannelFactory<ForwardChannel> outgoing(Set<Pump> live) {
        return (connection, id, type) -> new ForwardChannel(connection, id, type, live, null);
    }

    /** A channel the peer opened, to be connected to {@code target} before it is confirmed. */
    static ForwardChannel incoming(Connection connection, int localId, String type, Set<Pump> live, Target target) {
        return new ForwardChannel(connection, localId, type, live, target);
    }

    /** Starts copying between this channel and {@code socket}; closes the channel if the socket is unusable. */
    void pump(Socket socket) throws IOException {
        Endpoint endpoint;
        try {
            endpoint = Endpoint.of(socket);
        } catch (IOException e) {
            close();
            throw e;
        }
        pump(endpoint);
    }

    /** Starts copying between this channel and {@code endpoint}. */
    void pump(Endpoint endpoint) {
        Pump p;
        boolean closedAlready;
        boolean withConnection;
        lock.lock();
        try {
            p = Pump.start(this, endpoint, "secsh-" + type() + "-" + localId, live);
            pump = p;
            closedAlready = gone;
            withConnection = goneWithConnection;
        } finally {
            lock.unlock();
        }
        if (closedAlready) {
            p.channelClosed(!withConnection);
        }
    }

    @Override
    public void decide() {
        if (target == null) {
            throw new IllegalStateException(this + " was opened by this side");
        }
        Thread.ofVirtual().name("secsh-connect-" + localId).start(this::connectThenConfirm);
    }

    private void connectThenConfirm() {
        Endpoint endpoint;
        try {
            endpoint = connect();
        } catch (IOException | RuntimeException e) {
            String why = "connect to " + target + " failed: " + (e.getMessage() != null ? e.getMessage() : e);
            LOG.log(Level.DEBUG, "{0}: {1}", this, why);
            try {
                connection.refuseOpen(this, ChannelOpenFailure.CONNECT_FAILED, why);
            } catch (SshException f) {
                LOG.log(Level.DEBUG, "{0}: could not refuse the open: {1}", this, f.getMessage());
            }
            return;
        }
        try {
            connection.confirmOpen(this);
        } catch (SshException e) {
            LOG.log(Level.DEBUG, "{0}: could not confirm the open: {1}", this, e.getMessage());
            endpoint.close();
            return;
        }
        pump(endpoint);
    }

    private Endpoint connect() throws IOException {
        if (target.path() != null) {
            SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX);
            connecting(unix);
            unix.connect(UnixDomainSocketAddress.of(target.path()));
            return Endpoint.of(unix);
        }
        Socket socket = new Socket();
        connecting(socket);
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            throw new UnknownHostException("unknown host " + target.host());
        }
        socket.connect(address, (int) Math.min(Integer.MAX_VALUE, target.connectTimeout().toMillis()));
        socket.setTcpNoDelay(true);
        return Endpoint.of(socket);
    }

    /** Remembers the socket being connected, so that the channel's end can abort the connect. */
    private void connecting(AutoCloseable socket) throws IOException {
        boolean abort;
        lock.lock();
        try {
            connecting = socket;
            abort = gone;
        } finally {
            lock.unlock();
        }
        if (abort) {
            closeQuietly(socket);
            throw new IOException("the channel went away");
        }
    }

    @Override
    void closed() {
        boolean connectionAlive = connection.transport.isOpen();
        Pump p;
        AutoCloseable c;
        lock.lock();
        try {
            gone = true;
            goneWithConnection = !connectionAlive;
            p = pump;
            c = connecting;
        } finally {
            lock.unlock();
        }
        if (p != null) {
            p.channelClosed(connectionAlive);
        } else if (c != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
