package ssh.connection;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import ssh.api.SshProtocolException;
import ssh.api.wire.DisconnectReason;

/**
 * Bounds what a client may cost before it logs in: sits on the connection's input stream and
 * refuses more than {@code maxBytes} bytes, and closes the connection once {@code LoginGraceTime}
 * has passed since accept (version exchange and key exchange included, as sshd counts it), until
 * {@link #loggedIn()}. The watchdog is one virtual thread, ended by {@link #loggedIn()} or
 * {@link #close()}.
 */
final class PreAuthGuard extends FilterInputStream implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PreAuthGuard.class.getName());

    private final long maxBytes;
    /** Null once logged in: an ended thread is not kept for the connection's whole life. */
    private volatile Thread watchdog;
    private long count;
    private volatile boolean loggedIn;
    private volatile boolean graceExceeded;

    PreAuthGuard(InputStream in, long maxBytes, Duration grace, Closeable connection, String who) {
        super(in);
        this.maxBytes = maxBytes;
        this.watchdog = Thread.ofVirtual().name("secsh-server-grace").start(() -> {
            try {
                Thread.sleep(grace);
            } catch (InterruptedException loggedInOrClosed) {
                return;
            }
            if (!loggedIn) {
                graceExceeded = true;
                LOG.log(System.Logger.Level.INFO, "Timeout before authentication for {0}", who);
                try {
                    connection.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        });
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws SshProtocolException {
        if (!loggedIn && (count += n) > maxBytes) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "more than " + maxBytes + " bytes before authentication");
        }
    }

    /** The client logged in: no byte limit, no grace timer from now on. */
    void loggedIn() {
        loggedIn = true;
        stopWatchdog();
        watchdog = null;
    }

    boolean isLoggedIn() {
        return loggedIn;
    }

    /** Whether the grace timer closed the connection. */
    boolean graceExceeded() {
        return graceExceeded;
    }

    /** Stops the watchdog; the stream itself belongs to the connection and is closed with it. */
    @Override
    public void close() {
        stopWatchdog();
    }

    private void stopWatchdog() {
        Thread w = watchdog;
        if (w != null) {
            w.interrupt();
        }
    }
}
