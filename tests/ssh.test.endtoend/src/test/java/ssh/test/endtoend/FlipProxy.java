package ssh.test.endtoend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte-forwarding TCP proxy on loopback between one client and one server, a virtual thread per
 * direction, that can flip one bit in the server-to-client stream on request. End of stream in
 * one direction is passed on as a half-close, so a DISCONNECT still reaches the other side.
 */
final class FlipProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private volatile Socket clientSide;
    private volatile Socket serverSide;
    /** Bytes passed server to client; counted before they are written on. */
    private final AtomicLong downstream = new AtomicLong();
    /** The downstream position of the byte to corrupt, or -1. */
    private volatile long flipAt = -1;
    private volatile boolean flipped;

    FlipProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("flip-proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        try {
            Socket c = listener.accept();
            Socket s = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            c.setTcpNoDelay(true);
            s.setTcpNoDelay(true);
            clientSide = c;
            serverSide = s;
            Thread.ofVirtual().name("flip-proxy-up").start(() -> pump(c, s, false));
            Thread.ofVirtual().name("flip-proxy-down").start(() -> pump(s, c, true));
        } catch (IOException e) {
            close();
        }
    }

    /**
     * Flips a bit of the byte {@code offset} bytes on from the current end of the server-to-client
     * stream. Call only while that direction is idle, so that the offset counts from a packet start.
     */
    void flipDownstream(int offset) {
        flipAt = downstream.get() + offset;
    }

    boolean flipped() {
        return flipped;
    }

    private void pump(Socket from, Socket to, boolean down) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                if (down) {
                    long base = downstream.getAndAdd(n);
                    long at = flipAt;
                    if (at >= base && at < base + n) {
                        buf[(int) (at - base)] ^= 0x10;
                        flipped = true;
                    }
                }
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // the other side is gone as well
            }
        }
    }

    @Override
    public void close() {
        for (java.io.Closeable c : new java.io.Closeable[] {listener, clientSide, serverSide}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
