package ssh.test.javapeers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ssh.connection.SshServer;
import ssh.transport.Transport;

/**
 * A secsh {@link SshServer} that serves one connection accepted on its own loopback listener, so
 * the test holds the server's {@link Transport} and can ask it what was negotiated and how many
 * key exchanges ran.
 */
final class SecshServerPeer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final SshServer server;
    private final ServerSocket listener;
    private final CompletableFuture<Transport> transport = new CompletableFuture<>();
    private final Thread acceptor;

    SecshServerPeer(SshServer.Builder builder) throws IOException {
        this.server = builder.address(InetAddress.getLoopbackAddress()).port(0).start();
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("javapeers-accept").start(this::serveOne);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void serveOne() {
        try (Socket socket = listener.accept()) {
            Transport t = Transport.server(socket, server.transportConfig(), TIMEOUT);
            transport.complete(t);
            server.serve(t);
        } catch (Exception e) {
            transport.completeExceptionally(e);
        }
    }

    /** The server side of the connection, once its first key exchange is done. */
    Transport transport() throws Exception {
        return transport.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the server has completed {@code count} key exchanges; returns how many it has. */
    int awaitKeyExchanges(int count) throws Exception {
        Transport t = transport();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (t.keyExchangeCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return t.keyExchangeCount();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (transport.isDone() && !transport.isCompletedExceptionally()) {
            transport.join().close();
        }
        server.close();
        try {
            acceptor.join(TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (acceptor.isAlive()) {
            throw new AssertionError("the server's connection thread did not end");
        }
    }
}
