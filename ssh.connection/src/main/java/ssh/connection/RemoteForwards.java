package ssh.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.WireReader;
import ssh.connection.ForwardMessages.ListenRequest;
import ssh.connection.ForwardMessages.Tcpip;

/**
 * The client's remote forwardings ({@code ssh -R}): asks the server to listen with
 * {@code tcpip-forward}, and answers the server's {@code forwarded-tcpip} opens by connecting to
 * the registered target. An open for a listener never asked for is refused as prohibited.
 */
final class RemoteForwards {
    private static final Logger LOG = System.getLogger(RemoteForwards.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** One forwarding: the address and port asked for, the port bound (once known), the target. */
    private static final class Entry {
        final String address;
        final int requestedPort;
        volatile int port;
        final String host;
        final int targetPort;

        Entry(String address, int requestedPort, String host, int targetPort) {
            this.address = address;
            this.requestedPort = requestedPort;
            this.port = requestedPort;
            this.host = host;
            this.targetPort = targetPort;
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Set<Pump> live;

    RemoteForwards(Set<Pump> live) {
        this.live = live;
    }

    /**
     * Asks the server to listen on {@code address:port} (port 0: the server picks) and to send
     * each connection back, to be connected to {@code host:targetPort} from this side.
     */
    Forwarding add(Connection connection, String address, int port, String host, int targetPort, Duration timeout)
            throws SshException {
        if (port < 0 || port > 65535 || targetPort < 1 || targetPort > 65535) {
            throw new IllegalArgumentException("ports out of range: " + port + ", " + targetPort);
        }
        // registered before asking, since the first connection may arrive right behind the reply
        Entry e = new Entry(address, port, host, targetPort);
        entries.add(e);
        try {
            Optional<byte[]> reply = connection.globalRequest(ForwardMessages.TCPIP_FORWARD,
                    new ListenRequest(address, port).encode(), timeout);
            if (reply.isEmpty()) {
                throw new SshException("the server refused to listen on " + address + ":" + port
                        + " (remote port forwarding)");
            }
            if (port == 0) {
                int bound = new WireReader(reply.get()).readUint32("allocated port");
                if (bound < 1 || bound > 65535) {
                    throw new SshException("the server allocated port " + Integer.toUnsignedString(bound));
                }
                e.port = bound;
            }
        } catch (SshException | RuntimeException failed) {
            entries.remove(e);
            throw failed;
        }
        LOG.log(Level.DEBUG, "remote forward {0}:{1} -> {2}:{3}", address, e.port, host, targetPort);
        return new Forwarding(Forwarding.Kind.REMOTE, address, e.port, host + ":" + targetPort,
                () -> cancel(connection, e, timeout));
    }

    private void cancel(Connection connection, Entry e, Duration timeout) {
        if (!entries.remove(e) || !connection.isOpen()) {
            return;
        }
        try {
            if (connection.globalRequest(ForwardMessages.CANCEL_TCPIP_FORWARD,
                    new ListenRequest(e.address, e.port).encode(), timeout).isEmpty()) {
                LOG.log(Level.INFO, "the server refused to cancel the remote forward {0}:{1}", e.address, e.port);
            }
        } catch (SshException ex) {
            LOG.log(Level.DEBUG, "cancel-tcpip-forward {0}:{1} failed: {2}", e.address, e.port, ex.getMessage());
        }
    }

    /** The server's {@code forwarded-tcpip} open: connects to the target of the matching forwarding. */
    Channel open(Connection connection, int localId, String type, WireReader data) throws SshException {
        Tcpip t = Tcpip.decode(data);
        Entry e = find(t.host(), t.port());
        if (e == null) {
            throw new SshChannelOpenException(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                    "no remote forwarding was requested for " + t.host() + ":" + t.port());
        }
        LOG.log(Level.DEBUG, "connection from {0}:{1} to remote {2}:{3}, forwarded to {4}:{5}", t.originatorAddress(),
                t.originatorPort(), t.host(), t.port(), e.host, e.targetPort);
        return ForwardChannel.incoming(connection, localId, type, live,
                ForwardChannel.Target.tcp(e.host, e.targetPort, CONNECT_TIMEOUT));
    }

    /**
     * The forwarding for a connection to {@code address:port}: an exact match first; then by port
     * alone, as servers may name the bound address differently than it was asked for (sshd binds
     * "localhost" to 127.0.0.1 and ::1); then a port-0 request still waiting for its reply.
     */
    private Entry find(String address, int port) {
        for (Entry e : entries) {
            if (e.port == port && e.address.equals(address)) {
                return e;
            }
        }
        for (Entry e : entries) {
            if (e.port == port && e.port != 0) {
                return e;
            }
        }
        for (Entry e : entries) {
            if (e.port == 0 && e.requestedPort == 0 && e.address.equals(address)) {
                return e;
            }
        }
        return null;
    }

    /** Forgets every forwarding (the connection is ending). */
    void clear() {
        entries.clear();
    }
}
