package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP or Unix-socket echo server for forwarding tests: each connection gets back what it sends,
 * then end of stream once it has sent its own. {@link #roundTrip} pushes random bytes through a
 * forwarded connection and checks what comes back by SHA-256.
 */
final class EchoServer implements AutoCloseable {
    private final AutoCloseable listener;
    private final int port;
    private final Path path;
    private final Thread acceptor;
    private final Set<AutoCloseable> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    private EchoServer(AutoCloseable listener, int port, Path path, Runnable loop) {
        this.listener = listener;
        this.port = port;
        this.path = path;
        this.acceptor = Thread.ofVirtual().name("echo-accept").unstarted(loop);
    }

    /** An echo server on {@code address} (port 0: any free one). */
    static EchoServer tcp(InetAddress address) throws IOException {
        ServerSocket server = new ServerSocket(0, 64, address);
        EchoServer[] self = new EchoServer[1];
        self[0] = new EchoServer(server, server.getLocalPort(), null, () -> self[0].acceptTcp(server));
        self[0].acceptor.start();
        return self[0];
    }

    static EchoServer tcp() throws IOException {
        return tcp(InetAddress.getLoopbackAddress());
    }

    /** An echo server on a Unix socket at {@code path}. */
    static EchoServer unix(Path path) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        EchoServer[] self = new EchoServer[1];
        self[0] = new EchoServer(server, 0, path, () -> self[0].acceptUnix(server));
        self[0].acceptor.start();
        return self[0];
    }

    int port() {
        return port;
    }

    Path path() {
        return path;
    }

    /** How many connections the server has accepted. */
    int accepted() {
        return accepted.get();
    }

    /** How many accepted connections are still open. */
    int openConnections() {
        return connections.size();
    }

    private void acceptTcp(ServerSocket server) {
        while (!closed) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                connections.add(s);
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                        s.shutdownOutput();
                    } catch (IOException ignored) {
                        // the other end went away
                    } finally {
                        connections.remove(s);
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    private void acceptUnix(ServerSocketChannel server) {
        while (!closed) {
            try {
                SocketChannel s = server.accept();
                accepted.incrementAndGet();
                connections.add(s);
                Thread.ofVirtual().start(() -> {
                    try (s) {
                        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                        while (s.read(buf) >= 0) {
                            buf.flip();
                            while (buf.hasRemaining()) {
                                s.write(buf);
                            }
                            buf.clear();
                        }
                        s.shutdownOutput();
                    } catch (IOException ignored) {
                        // the other end went away
                    } finally {
                        connections.remove(s);
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Sends {@code bytes} random bytes (from {@code seed}) on {@code in}/{@code out} while reading
     * the echo; after sending, {@code shutdown} half-closes. Checks the echo is the same bytes
     * (SHA-256) followed by end of stream.
     */
    static void roundTrip(InputStream in, OutputStream out, Runnable shutdown, long bytes, long seed) throws Exception {
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                Random random = new Random(seed);
                byte[] chunk = new byte[64 * 1024];
                for (long done = 0; done < bytes; ) {
                    int n = (int) Math.min(chunk.length, bytes - done);
                    random.nextBytes(chunk);
                    sent.update(chunk, 0, n);
                    out.write(chunk, 0, n);
                    done += n;
                }
                out.flush();
                shutdown.run();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, Thread::startVirtualThread);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        long count = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            received.update(buf, 0, n);
            count += n;
        }
        writer.get(60, TimeUnit.SECONDS);
        assertEquals(bytes, count, "bytes echoed");
        assertEquals(HexFormat.of().formatHex(sent.digest()), HexFormat.of().formatHex(received.digest()));
    }

    /** {@link #roundTrip(InputStream, OutputStream, Runnable, long, long)} over a TCP socket, which it closes. */
    static void roundTrip(Socket s, long bytes, long seed) throws Exception {
        try (s) {
            s.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            roundTrip(s.getInputStream(), s.getOutputStream(), () -> {
                try {
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, bytes, seed);
        }
    }

    /** {@code count} connections to {@code port} on loopback at once, each a round trip of {@code bytes}. */
    static void concurrentRoundTrips(int port, int count, long bytes) throws Exception {
        List<CompletableFuture<Void>> all = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = i;
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    roundTrip(new Socket(InetAddress.getLoopbackAddress(), port), bytes, seed);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Thread::startVirtualThread));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    /** Waits until something accepts TCP connections on loopback {@code port}, or fails after {@code timeout}. */
    static void awaitListening(int port, Duration timeout, java.util.function.BooleanSupplier stillTrying)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && stillTrying.getAsBoolean()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on port " + port);
    }

    /** Whether a TCP connection to loopback {@code port} is refused now. */
    static boolean refused(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        closeQuietly(listener);
        for (AutoCloseable c : connections) {
            closeQuietly(c);
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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
