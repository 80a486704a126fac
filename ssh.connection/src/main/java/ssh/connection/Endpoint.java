package ssh.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The local end of a forwarding, the thing a {@link Pump} copies to and from: a TCP socket, or a
 * Unix-domain socket (which {@code java.net.Socket} cannot be). Reading and writing may happen on
 * two threads at once; {@link #close()} wakes both.
 */
interface Endpoint extends AutoCloseable {
    /** Reads at least one byte, or returns -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException;

    /** Writes all of {@code b[off..off+len)}. */
    void write(byte[] b, int off, int len) throws IOException;

    /** Sends end of stream (TCP FIN); reading goes on. */
    void shutdownOutput() throws IOException;

    /** Closes both directions; never throws. */
    @Override
    void close();

    /** A description for logs: the peer's address. */
    String describe();

    static Endpoint of(Socket socket) throws IOException {
        return new SocketEndpoint(socket, socket.getInputStream(), socket.getOutputStream());
    }

    /** A connected, blocking socket channel (a Unix-domain socket in practice). */
    static Endpoint of(SocketChannel channel) {
        return new ChannelEndpoint(channel);
    }

    /** A TCP socket. */
    record SocketEndpoint(Socket socket, InputStream in, OutputStream out) implements Endpoint {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void shutdownOutput() throws IOException {
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        @Override
        public String describe() {
            return String.valueOf(socket.getRemoteSocketAddress());
        }
    }

    /** A socket channel in blocking mode: reads and writes take separate locks, so two threads may use it. */
    record ChannelEndpoint(SocketChannel channel) implements Endpoint {
        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            do {
                n = channel.read(ByteBuffer.wrap(b, off, len));
            } while (n == 0 && len > 0);
            return n;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }

        @Override
        public void shutdownOutput() throws IOException {
            if (channel.isOpen()) {
                channel.shutdownOutput();
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        @Override
        public String describe() {
            try {
                return String.valueOf(channel.getRemoteAddress());
            } catch (IOException e) {
                return "closed socket";
            }
        }
    }
}
