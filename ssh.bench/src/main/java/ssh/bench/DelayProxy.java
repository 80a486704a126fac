package ssh.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on 127.0.0.1 that holds every chunk for a fixed one-way delay in each direction, so
 * a loopback connection behaves like a long link (round trip = twice the delay) without losing
 * bandwidth. Copied from the end-to-end tests' {@code ssh.test.endtoend.DelayProxy} (a test class, not
 * on this module's class path) for {@link LongLinks}; each accepted connection gets its own relays.
 */
final class DelayProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final long delayNanos;
    private final int targetPort;
    private final Thread acceptor;

    DelayProxy(int targetPort, long oneWayDelayMillis) throws IOException {
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(oneWayDelayMillis);
        this.targetPort = targetPort;
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                relay(client, server);
                relay(server, client);
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private record Chunk(byte[] data, long due) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(due, ((Chunk) o).due);
        }
    }

    private void relay(Socket from, Socket to) {
        DelayQueue<Chunk> queue = new DelayQueue<>();
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[64 * 1024];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNanos));
                }
            } catch (IOException ignored) {
                // the side closed
            }
            queue.add(new Chunk(null, System.nanoTime() + delayNanos));
        });
        Thread.ofVirtual().start(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk c = queue.take();
                    if (c.data() == null) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(c.data());
                }
            } catch (IOException | InterruptedException ignored) {
                // the side closed
            }
        });
    }

    @Override
    public void close() throws IOException {
        listener.close();
        acceptor.interrupt();
    }
}
