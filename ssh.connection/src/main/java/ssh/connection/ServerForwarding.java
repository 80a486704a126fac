package ssh.connection;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.algorithms.PreferenceList;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.WireReader;
import ssh.auth.AuthenticatedUser;
import ssh.auth.keys.KeyOptions;
import ssh.connection.ForwardMessages.ListenRequest;
import ssh.connection.ForwardMessages.StreamLocal;
import ssh.connection.ForwardMessages.Tcpip;

/**
 * The server's side of port forwarding for one connection: {@code direct-tcpip} and
 * {@code direct-streamlocal@openssh.com} opens (checked, then connected on a virtual thread
 * before they are confirmed), and the listeners of {@code tcpip-forward}, which open a
 * {@code forwarded-tcpip} channel back to the client per connection. Each decision asks the
 * user's authorized_keys options, then the {@link ForwardingPolicy}. {@link #close()}, when the
 * connection ends, closes every listener and stops every pump.
 */
final class ServerForwarding implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ServerForwarding.class.getName());
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    /** Listeners per connection: each is a socket, so a client may not ask for thousands. */
    private static final int MAX_LISTENERS = 64;

    private final AuthenticatedUser user;
    private final KeyOptions options;
    private final ForwardingPolicy policy;
    private final Set<Pump> live = ConcurrentHashMap.newKeySet();
    private final Map<ListenRequest, ForwardListener> listeners = new ConcurrentHashMap<>();
    private final CompletableFuture<Connection> connection = new CompletableFuture<>();
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    ServerForwarding(AuthenticatedUser user, ForwardingPolicy policy) {
        this.user = user;
        this.options = user.attribute(KeyOptions.class).orElse(KeyOptions.NONE);
        this.policy = policy;
    }

    /** Sets the connection, once started: remote-forward listeners open their channels on it. */
    void attach(Connection c) {
        connection.complete(c);
    }

    /** Opens a forwarding channel of {@code type}, or returns null if the type is not one. */
    Channel open(Connection c, int localId, String type, WireReader data) throws SshException {
        switch (type) {
            case ForwardMessages.DIRECT_TCPIP -> {
                Tcpip t = Tcpip.decode(data);
                if (!options.portForwarding() || !permitOpen(t.host(), t.port())
                        || !policy.allowDirectTcpip(user, t.host(), t.port())) {
                    throw prohibited("port forwarding to " + t.host() + ":" + t.port() + " is not permitted");
                }
                if (t.host().isEmpty()) {
                    throw new SshChannelOpenException(ChannelOpenFailure.CONNECT_FAILED, "no host to connect to");
                }
                LOG.log(Level.DEBUG, "{0}: direct-tcpip from {1}:{2} to {3}:{4}", user.user(), t.originatorAddress(),
                        t.originatorPort(), t.host(), t.port());
                return ForwardChannel.incoming(c, localId, type, live,
                        ForwardChannel.Target.tcp(t.host(), t.port(), CONNECT_TIMEOUT));
            }
            case ForwardMessages.DIRECT_STREAMLOCAL -> {
                StreamLocal s = StreamLocal.decode(data);
                if (!options.portForwarding() || !policy.allowDirectStreamLocal(user, s.path())) {
                    throw prohibited("forwarding to the Unix socket " + s.path() + " is not permitted");
                }
                LOG.log(Level.DEBUG, "{0}: direct-streamlocal to {1}", user.user(), s.path());
                return ForwardChannel.incoming(c, localId, type, live, ForwardChannel.Target.unix(s.path()));
            }
            default -> {
                return null;
            }
        }
    }

    private static SshChannelOpenException prohibited(String why) {
        return new SshChannelOpenException(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED, why);
    }

    /** {@code tcpip-forward}: listens, and answers the port bound when port 0 was asked; null refuses. */
    byte[] listen(WireReader data) throws SshException {
        ListenRequest request = ListenRequest.decode(data);
        if (request == null) {
            return null;
        }
        if (!options.portForwarding() || !permitListen(request)
                || !policy.allowTcpipForward(user, request.address(), request.port())) {
            LOG.log(Level.INFO, "{0}: remote forwarding of {1}:{2} is not permitted", user.user(), request.address(),
                    request.port());
            return null;
        }
        InetSocketAddress bind = bindAddress(request);
        if (bind == null) {
            return null;
        }
        lock.lock();
        try {
            if (closed || listeners.size() >= MAX_LISTENERS) {
                LOG.log(Level.INFO, "{0}: refused a remote forward: already {1} listeners", user.user(), listeners.size());
                return null;
            }
            ForwardListener l;
            try {
                l = ForwardListener.start(bind, "secsh-forward-R", socket -> forwardBack(request.address(), socket));
            } catch (IOException e) {
                LOG.log(Level.INFO, "{0}: remote forward: {1}", user.user(), e.getMessage());
                return null;
            }
            int port = l.address().getPort();
            ForwardListener old = listeners.put(new ListenRequest(request.address(), port), l);
            if (old != null) {
                old.close();
            }
            LOG.log(Level.DEBUG, "{0}: remote forward listening on {1}", user.user(), l.address());
            return request.port() == 0 ? ForwardMessages.allocatedPort(port) : new byte[0];
        } finally {
            lock.unlock();
        }
    }

    /** {@code cancel-tcpip-forward}: closes the listener for that address and port; null if there is none. */
    byte[] cancel(WireReader data) throws SshException {
        ListenRequest request = ListenRequest.decode(data);
        ForwardListener l = request == null ? null : listeners.remove(request);
        if (l == null) {
            return null;
        }
        l.close();
        return new byte[0];
    }

    /** Where to bind, following {@link ForwardingPolicy#gatewayPorts()}; null refuses. */
    private InetSocketAddress bindAddress(ListenRequest r) {
        String a = r.address();
        switch (policy.gatewayPorts()) {
            case NO -> {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), r.port());
            }
            case YES -> {
                return new InetSocketAddress(r.port());
            }
            default -> {
                if (a.isEmpty() || a.equals("*") || a.equals("0.0.0.0") || a.equals("::")) {
                    return new InetSocketAddress(r.port());
                }
                if (a.equalsIgnoreCase("localhost")) {
                    return new InetSocketAddress(InetAddress.getLoopbackAddress(), r.port());
                }
                if (!isIpLiteral(a)) {
                    LOG.log(Level.INFO, "{0}: remote forward on {1}: only IP addresses are bound", user.user(), a);
                    return null;
                }
                try {
                    return new InetSocketAddress(InetAddress.getByName(a), r.port());
                } catch (UnknownHostException e) {
                    return null;
                }
            }
        }
    }

    /** An IPv4 dotted quad or an IPv6 address: {@link InetAddress#getByName} parses these without DNS. */
    private static boolean isIpLiteral(String a) {
        if (a.contains(":")) {
            return a.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    /** A connection to a remote-forward listener: back to the client over {@code forwarded-tcpip}. */
    private void forwardBack(String address, Socket socket) throws IOException {
        Connection c;
        try {
            c = connection.get(OPEN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no connection to forward to", e);
        }
        InetSocketAddress from = (InetSocketAddress) socket.getRemoteSocketAddress();
        Tcpip t = new Tcpip(address, socket.getLocalPort(), from.getAddress().getHostAddress(), from.getPort());
        ForwardChannel channel = c.open(ForwardMessages.FORWARDED_TCPIP, t.encode(), ForwardChannel.outgoing(live),
                OPEN_TIMEOUT);
        channel.pump(socket);
    }

    /** {@code permitopen="host:port"}: a literal host (or {@code *}) and a port (or {@code *}). */
    private boolean permitOpen(String host, int port) {
        return options.permitOpen().isEmpty() || options.permitOpen().stream().anyMatch(p -> {
            HostPort hp = HostPort.parse(p);
            return (hp.host().equals("*") || hp.host().equalsIgnoreCase(host)) && hp.allowsPort(port);
        });
    }

    /** {@code permitlisten="[host:]port"}: a host pattern ({@code *} without a host) and a port (or {@code *}). */
    private boolean permitListen(ListenRequest r) {
        List<String> allowed = options.permitListen();
        return allowed.isEmpty() || allowed.stream().anyMatch(p -> {
            HostPort hp = HostPort.parse(p);
            return PreferenceList.matches(hp.host().toLowerCase(Locale.ROOT), r.address().toLowerCase(Locale.ROOT))
                    && hp.allowsPort(r.port());
        });
    }

    /** One {@code [host:]port} of permitopen or permitlisten; the host is {@code *} when absent. */
    private record HostPort(String host, String port) {
        static HostPort parse(String s) {
            int colon = s.lastIndexOf(':');
            String host = colon < 0 ? "*" : s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new HostPort(host, s.substring(colon + 1));
        }

        boolean allowsPort(int p) {
            return port.equals("*") || port.equals(Integer.toString(p));
        }
    }

    /** Closes every listener and stops every pump (the connection has ended). */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        connection.completeExceptionally(new SshException("connection closed"));
        for (ForwardListener l : List.copyOf(listeners.values())) {
            l.close();
        }
        listeners.clear();
        for (Pump p : List.copyOf(live)) {
            p.stop();
        }
    }
}
