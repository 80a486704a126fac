package ssh.connection;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import ssh.api.SshException;

/**
 * A listening TCP socket of a forwarding ({@code ssh -L}, {@code -D}, or the server's side of
 * {@code -R}): an accept loop on a virtual thread that hands each connection to its handler on a
 * virtual thread of its own. A handler that throws has its socket closed. {@link #close()} stops
 * listening and waits for the loop to end.
 */
final class ForwardListener implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ForwardListener.class.getName());

    /** What to do with one accepted connection; runs on its own virtual thread. */
    @FunctionalInterface
    interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final InetSocketAddress address;
    private final Handler handler;
    private final String name;
    private final Thread acceptor;
    private volatile boolean closed;

    private ForwardListener(ServerSocket server, String name, Handler handler) {
        this.server = server;
        this.address = (InetSocketAddress) server.getLocalSocketAddress();
        this.name = name;
        this.handler = handler;
        this.acceptor = Thread.ofVirtual().name(name + "-accept").unstarted(this::acceptLoop);
    }

    /** Binds {@code address} (port 0 picks one) and starts accepting. */
    static ForwardListener start(InetSocketAddress address, String name, Handler handler) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(address, 128);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        ForwardListener l = new ForwardListener(server, name, handler);
        l.acceptor.start();
        return l;
    }

    /** The address and port bound. */
    InetSocketAddress address() {
        return address;
    }

    boolean isOpen() {
        return !closed;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "{0}: accept failed: {1}", name, e.getMessage());
                    close();
                }
                return;
            }
            Thread.ofVirtual().name(name + "-conn").start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            handler.handle(socket);
        } catch (IOException | RuntimeException e) {
            // what the server said (a refused open, say) matters to the user; a bad local client less
            LOG.log(e instanceof SshException ? Level.INFO : Level.DEBUG, "{0}: connection from {1} failed: {2}",
                    name, socket.getRemoteSocketAddress(), e.getMessage());
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Stops listening; connections already forwarded go on. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name + " on " + address();
    }
}
