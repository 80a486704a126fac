package ssh.connection;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A port forwarding that an {@link SshClient} set up: a listener on this machine ({@code ssh -L},
 * or a SOCKS proxy as with {@code ssh -D}) or on the server ({@code ssh -R}). The port is the one
 * actually bound, so asking for port 0 and reading {@link #port()} finds a free one.
 * {@link #close()} stops listening (for a remote forwarding it sends {@code cancel-tcpip-forward});
 * connections already forwarded go on until either end closes them, and end with the SSH
 * connection. Every forwarding stops when its client closes.
 *
 * <pre>{@code
 * try (Forwarding web = ssh.forwardLocal(new InetSocketAddress("127.0.0.1", 0), "intranet.example", 80)) {
 *     URI uri = URI.create("http://127.0.0.1:" + web.port() + "/");
 *     ...
 * }
 * }</pre>
 */
public final class Forwarding implements AutoCloseable {
    /** What listens where, and where connections go. */
    public enum Kind {
        /** {@code ssh -L}: a local listener; connections go to a host and port (or Unix socket) the server reaches. */
        LOCAL,
        /** {@code ssh -R}: a listener on the server; connections come back to a host and port this side reaches. */
        REMOTE,
        /** {@code ssh -D}: a local SOCKS 4, 4a and 5 proxy; each connection names its own destination. */
        DYNAMIC
    }

    /** What stopping a forwarding does. */
    @FunctionalInterface
    interface Stopper {
        void stop();
    }

    private final Kind kind;
    private final String bindAddress;
    private final int port;
    private final String target;
    private final Stopper stopper;
    private final AtomicBoolean open = new AtomicBoolean(true);

    Forwarding(Kind kind, String bindAddress, int port, String target, Stopper stopper) {
        this.kind = kind;
        this.bindAddress = bindAddress;
        this.port = port;
        this.target = target;
        this.stopper = stopper;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * Where the listener is bound: the local address for {@link Kind#LOCAL} and {@link Kind#DYNAMIC},
     * the address as requested from the server for {@link Kind#REMOTE}.
     */
    public String bindAddress() {
        return bindAddress;
    }

    /** The port bound (the one chosen, when port 0 was asked for). */
    public int port() {
        return port;
    }

    /** Where connections go: {@code host:port}, a Unix-socket path, or {@code "socks"}. */
    public String target() {
        return target;
    }

    /** Whether the forwarding still listens (until {@link #close()} or the end of the connection). */
    public boolean isOpen() {
        return open.get();
    }

    /** Stops listening; does nothing the second time. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            stopper.stop();
        }
    }

    @Override
    public String toString() {
        return kind + " " + (bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress) + ":" + port + " -> "
                + target;
    }
}
