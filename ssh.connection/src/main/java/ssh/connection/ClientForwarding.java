package ssh.connection;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.WireReader;
import ssh.connection.ForwardMessages.StreamLocal;
import ssh.connection.ForwardMessages.Tcpip;

/**
 * Everything {@link SshClient} forwards: local listeners ({@code -L}, also to a remote Unix
 * socket), SOCKS proxies ({@code -D}), remote forwardings ({@code -R}, in {@link RemoteForwards}),
 * and single channels ({@code -W}). All of it stops when the connection ends or the client closes:
 * listeners close and running pumps stop.
 */
final class ClientForwarding implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ClientForwarding.class.getName());

    private final Set<Pump> live = ConcurrentHashMap.newKeySet();
    private final List<Forwarding> forwardings = new CopyOnWriteArrayList<>();
    private final RemoteForwards remote = new RemoteForwards(live);
    private final Duration openTimeout;
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile Connection connection;
    private volatile boolean closed;

    ClientForwarding(Duration openTimeout) {
        this.openTimeout = openTimeout;
    }

    /** Sets the connection, once started (its opener is this object's {@link #open}). */
    void attach(Connection connection) {
        this.connection = connection;
    }

    /** The ChannelOpener: the server's {@code forwarded-tcpip} opens; every other type is refused. */
    Channel open(Connection c, int localId, String type, WireReader data) throws SshException {
        if (type.equals(ForwardMessages.FORWARDED_TCPIP)) {
            return remote.open(c, localId, type, data);
        }
        throw new SshChannelOpenException(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                "this client opens no " + type + " channels");
    }

    Forwarding local(InetSocketAddress listen, String host, int port) throws IOException {
        checkPort(port);
        return listen(Forwarding.Kind.LOCAL, listen, host + ":" + port, "secsh-forward-L", socket -> {
            Tcpip request = new Tcpip(host, port, originAddress(socket), originPort(socket));
            openChannel(ForwardMessages.DIRECT_TCPIP, request.encode()).pump(socket);
        });
    }

    Forwarding localToSocket(InetSocketAddress listen, String path) throws IOException {
        return listen(Forwarding.Kind.LOCAL, listen, path, "secsh-forward-L",
                socket -> openChannel(ForwardMessages.DIRECT_STREAMLOCAL, new StreamLocal(path).encode()).pump(socket));
    }

    Forwarding dynamic(InetSocketAddress listen, Duration handshakeTimeout) throws IOException {
        return listen(Forwarding.Kind.DYNAMIC, listen, "socks", "secsh-forward-D", socket -> {
            SocksProxy.Request r = SocksProxy.read(socket, handshakeTimeout);
            ForwardChannel channel;
            try {
                channel = openChannel(ForwardMessages.DIRECT_TCPIP,
                        new Tcpip(r.host(), r.port(), originAddress(socket), originPort(socket)).encode());
            } catch (SshException e) {
                SocksProxy.refuse(socket, r, e instanceof SshChannelOpenException o ? o.failureCode() : 0);
                throw e;
            }
            try {
                SocksProxy.grant(socket, r);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            channel.pump(socket);
        });
    }

    Forwarding remote(String address, int port, String host, int targetPort) throws SshException {
        Forwarding f = remote.add(connection(), address, port, host, targetPort, openTimeout);
        track(f);
        return f;
    }

    /** A {@code direct-tcpip} channel for the caller to use ({@code ssh -W}). */
    Channel directTcpip(String host, int port, String originAddress, int originPort) throws SshException {
        checkPort(port);
        return connection().open(ForwardMessages.DIRECT_TCPIP, new Tcpip(host, port, originAddress, originPort).encode(),
                Channel::new, openTimeout);
    }

    /** A {@code direct-streamlocal@openssh.com} channel for the caller to use. */
    Channel directStreamLocal(String path) throws SshException {
        return connection().open(ForwardMessages.DIRECT_STREAMLOCAL, new StreamLocal(path).encode(), Channel::new,
                openTimeout);
    }

    private Forwarding listen(Forwarding.Kind kind, InetSocketAddress address, String target, String name,
            ForwardListener.Handler handler) throws IOException {
        connection();
        ForwardListener l = ForwardListener.start(address, name, handler);
        InetSocketAddress bound = l.address();
        Forwarding f = new Forwarding(kind, bound.getAddress().getHostAddress(), bound.getPort(), target, l::close);
        track(f);
        LOG.log(Level.DEBUG, "forwarding {0}", f);
        return f;
    }

    private void track(Forwarding f) {
        forwardings.removeIf(x -> !x.isOpen());
        forwardings.add(f);
        if (closed) {
            f.close();
            return;
        }
        if (watching.compareAndSet(false, true)) {
            Thread.ofVirtual().name("secsh-forward-watch").start(this::closeWhenConnectionEnds);
        }
    }

    private void closeWhenConnectionEnds() {
        Connection c = connection;
        while (true) {
            try {
                c.awaitEnd(Duration.ofDays(1));
                break;
            } catch (SshTimeoutException stillOpen) {
                if (closed) {
                    return;
                }
            } catch (SshException e) {
                break;
            }
        }
        close();
    }

    private ForwardChannel openChannel(String type, byte[] data) throws SshException {
        return connection().open(type, data, ForwardChannel.outgoing(live), openTimeout);
    }

    private Connection connection() throws SshException {
        Connection c = connection;
        if (c == null || closed) {
            throw new SshException("the client is closed");
        }
        return c;
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
    }

    private static String originAddress(Socket s) {
        return ((InetSocketAddress) s.getRemoteSocketAddress()).getAddress().getHostAddress();
    }

    private static int originPort(Socket s) {
        return ((InetSocketAddress) s.getRemoteSocketAddress()).getPort();
    }

    /** Closes every listener, forgets the remote forwardings and stops every pump. */
    @Override
    public void close() {
        closed = true;
        for (Forwarding f : forwardings) {
            f.close();
        }
        forwardings.clear();
        remote.clear();
        for (Pump p : List.copyOf(live)) {
            p.stop();
        }
    }
}
