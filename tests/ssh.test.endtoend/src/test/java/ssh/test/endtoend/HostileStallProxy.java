package ssh.test.endtoend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on loopback for one connection that can stop reading what the server sends: while
 * stalled, the server-to-client pump reads nothing, so the server's socket buffers fill and its
 * writes block, exactly as against a client that never reads. The client-to-server direction flows
 * on. A virtual thread per direction; {@link #close()} ends both.
 */
final class HostileStallProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private boolean stalled;
    private volatile Socket clientSide;
    private volatile Socket serverSide;

    HostileStallProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("stall-proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Stops (true) or resumes (false) reading from the server. */
    void stall(boolean stop) {
        lock.lock();
        try {
            stalled = stop;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitResumed() throws InterruptedException {
        lock.lock();
        try {
            while (stalled) {
                resumed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void accept() {
        try {
            Socket c = listener.accept();
            Socket s = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            clientSide = c;
            serverSide = s;
            Thread.ofVirtual().name("stall-proxy-up").start(() -> pump(c, s, false));
            Thread.ofVirtual().name("stall-proxy-down").start(() -> pump(s, c, true));
        } catch (IOException e) {
            close();
        }
    }

    private void pump(Socket from, Socket to, boolean down) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            while (true) {
                if (down) {
                    awaitResumed();
                }
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            close();
        }
    }

    @Override
    public void close() {
        stall(false);
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
