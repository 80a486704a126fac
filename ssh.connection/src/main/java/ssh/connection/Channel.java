package ssh.connection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;

/**
 * One open SSH channel (RFC 4254 section 5), used like a socket: an input stream of the peer's
 * data, an error stream of its extended data (stderr), an output stream to it, reads with a
 * timeout, {@link #shutdownOutput()} for EOF and {@link #close()}. Flow control follows the
 * windows both sides granted: a writer waits for window space, and a reader that stops reading
 * stops only its own channel, since the peer may send no more than the window we gave it.
 */
public class Channel implements AutoCloseable {
    final Connection connection;
    final int localId;
    private final String type;
    private final ChannelBuffer stdout;
    private final ChannelBuffer stderr;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Orders what this side sends on the channel: whoever sends CLOSE holds it while setting
     * closeSent and sending, and every other sender checks closeSent and sends while holding it,
     * so nothing (DATA, WINDOW_ADJUST, EOF, a request) follows our CLOSE: the peer frees the
     * channel number once it has both CLOSEs and would take a late message as a protocol error.
     * Taken before {@link #lock}, never the other way round.
     */
    private final ReentrantLock sendOrder = new ReentrantLock();
    /** The outgoing side: the peer's window, data writes, the small messages. */
    private final ChannelWriter out = new ChannelWriter(this, lock, sendOrder);
    private final ChannelRequests requests = new ChannelRequests(this, lock, sendOrder);
    private final ReceiveWindow window;
    volatile int remoteId;
    private volatile long readTimeoutNanos;
    private boolean eofSent;
    private boolean closeSent;
    private boolean closeReceived;
    private SshException failure;
    private Pipe.SourceChannel selectable;

    Channel(Connection connection, int localId, String type) {
        this.connection = connection;
        this.localId = localId;
        this.type = type;
        this.window = new ReceiveWindow(connection.limits.windowSize(), connection.limits.maxWindowSize());
        // Start small (memory per idle session); the buffer grows up to the window as data comes.
        this.stdout = new ChannelBuffer(4 * 1024);
        this.stderr = new ChannelBuffer(1024);
    }

    /** Called once the peer's id, window and maximum packet are known. */
    void opened(int remoteId, long remoteWindow, int remoteMaxPacket) {
        lock.lock();
        try {
            this.remoteId = remoteId;
            out.opened(remoteWindow, Math.max(1, Math.min(remoteMaxPacket, connection.limits.maxPacket())));
        } finally {
            lock.unlock();
        }
    }

    /** The channel type, e.g. {@code "session"} or {@code "direct-tcpip"}. */
    public String type() {
        return type;
    }

    /** The peer's data; end of stream after the peer's EOF or CLOSE. */
    public InputStream getInputStream() {
        return new ChannelInputStream(this, stdout);
    }

    /** The peer's extended data (stderr of a remote command). */
    public InputStream getErrorStream() {
        return new ChannelInputStream(this, stderr);
    }

    /** Writes to the peer; closing the stream sends EOF. */
    public OutputStream getOutputStream() {
        return new ChannelOutputStream(this, -1);
    }

    /** Writes extended data of type 1 (stderr); closing it does nothing. */
    public OutputStream getErrorOutputStream() {
        return new ChannelOutputStream(this, 1);
    }

    public ReadableByteChannel readableChannel() {
        return Channels.newChannel(getInputStream());
    }

    public WritableByteChannel writableChannel() {
        return Channels.newChannel(getOutputStream());
    }

    /** The receive window this channel grants now (it grows while the reader keeps up; see {@link ChannelLimits}). */
    public int windowSize() {
        lock.lock();
        try {
            return window.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The peer's data as text lines, decoded as UTF-8, with universal newlines (LF, CR LF or CR
     * ends a line): the original secsh's {@code makefile()}.
     */
    public BufferedReader textReader() {
        return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    /** Text to the peer as UTF-8; each {@code println} is sent at once. */
    public PrintWriter textWriter() {
        return new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8), true);
    }

    /**
     * A selectable view of the peer's data (the original {@code fileno()}): the source end of a
     * {@link Pipe} that becomes readable when data arrives, so one {@link java.nio.channels.Selector}
     * can wait on SSH channels and sockets together. Reads from it consume the channel's data
     * (use either this or the input stream, not both); it reaches end of stream at the peer's EOF.
     */
    public Pipe.SourceChannel selectableChannel() throws IOException {
        lock.lock();
        try {
            if (selectable == null) {
                selectable = SelectableView.open(this, stdout);
            }
            return selectable;
        } finally {
            lock.unlock();
        }
    }

    /** How long a read waits for data before {@link SshTimeoutException}; zero waits forever. */
    public void setReadTimeout(Duration timeout) {
        readTimeoutNanos = timeout.toNanos();
    }

    int read(ChannelBuffer buffer, byte[] b, int off, int len) throws SshException {
        int n = buffer.read(b, off, len, readTimeoutNanos);
        if (n > 0) {
            try {
                consumed(n);
            } catch (SshException e) {
                // the connection is ending: these bytes are still the caller's; the next read says why
            }
        }
        return n;
    }

    /** Returns window to the peer once half of it has been read. */
    private void consumed(int n) throws SshException {
        long adjust;
        sendOrder.lock();
        try {
            lock.lock();
            try {
                if (closeSent || closeReceived || failure != null) {
                    return;
                }
                adjust = window.consumed(n, stdout.available() + stderr.available());
                if (adjust == 0) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            out.sendWindowAdjust(adjust);
        } finally {
            sendOrder.unlock();
        }
    }

    /** Writes all of {@code b[off..off+len)}, waiting for window space as needed. */
    public void write(byte[] b, int off, int len) throws SshException {
        write(MessageNumbers.CHANNEL_DATA, -1, b, off, len);
    }

    /** Writes extended data of type {@code dataType} (1 is stderr). */
    public void writeExtended(int dataType, byte[] b, int off, int len) throws SshException {
        write(MessageNumbers.CHANNEL_EXTENDED_DATA, dataType, b, off, len);
    }

    private void write(int message, int dataType, byte[] b, int off, int len) throws SshException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        out.write(message, dataType, b, off, len);
    }

    /** Whether this side may still send data (the lock is held). */
    boolean outputOpen() {
        return failure == null && !eofSent && !closeSent && !closeReceived;
    }

    /** Throws unless this side may still send data (the lock is held). */
    void checkWritable() throws SshException {
        if (failure != null) {
            throw failure;
        }
        if (eofSent || closeSent || closeReceived) {
            throw new SshException("channel " + localId + " is closed for writing");
        }
    }

    /** Sends EOF: the peer reads end of stream; this side can still read. */
    public void shutdownOutput() throws SshException {
        sendOrder.lock();
        try {
            lock.lock();
            try {
                if (eofSent || closeSent || closeReceived) {
                    return;
                }
                eofSent = true;
                out.wakeWriters();
            } finally {
                lock.unlock();
            }
            out.sendBare(MessageNumbers.CHANNEL_EOF);
        } finally {
            sendOrder.unlock();
        }
    }

    /**
     * Sends a channel request; with {@code wantReply}, waits up to {@code timeout} for the
     * answer and returns whether the peer accepted it (true at once otherwise).
     */
    public boolean request(String requestType, boolean wantReply, byte[] typeData, Duration timeout)
            throws SshException {
        return requests.send(requestType, wantReply, typeData, timeout);
    }

    /** Throws unless this side may still send requests (the lock is held). */
    void checkRequestable() throws SshException {
        if (failure != null) {
            throw failure;
        }
        if (closeSent || closeReceived) {
            throw new SshException("channel " + localId + " is closed");
        }
    }

    /** Handles a request from the peer; returns whether it succeeded. Sessions override this. */
    boolean onRequest(String requestType, WireReader data) throws SshException {
        return false;
    }

    // Called by the connection's dispatcher.

    void onData(int dataType, byte[] payload, int off, int len) throws SshException {
        lock.lock();
        try {
            if (!window.take(len)) {
                throw new ssh.api.SshProtocolException("channel " + localId + ": " + len
                        + " bytes of data exceed the window of " + window.remaining());
            }
        } finally {
            lock.unlock();
        }
        if (closeSent) {
            return;  // data after our CLOSE is dropped, but still counted against the window
        }
        (dataType < 0 ? stdout : stderr).append(payload, off, len);
    }

    void onWindowAdjust(long bytes) throws SshException {
        out.onWindowAdjust(bytes);
    }

    void onReply(boolean success) throws SshException {
        requests.onReply(success);
    }

    void onEof() {
        stdout.eof();
        stderr.eof();
    }

    /** The peer's CLOSE: answers it if we have not closed, and frees the channel number. */
    void onClose() throws SshException {
        boolean answer;
        sendOrder.lock();
        try {
            lock.lock();
            try {
                closeReceived = true;
                answer = !closeSent;
                closeSent = true;
                out.wakeWriters();
            } finally {
                lock.unlock();
            }
            if (answer) {
                out.sendBare(MessageNumbers.CHANNEL_CLOSE);
            }
        } finally {
            sendOrder.unlock();
        }
        onEof();
        requests.failAll(new SshException("channel " + localId + " closed"));
        connection.release(this);
        closed();
    }

    /** The connection ended: every reader and writer fails with {@code cause}. */
    void onFailure(SshException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            out.wakeWriters();
        } finally {
            lock.unlock();
        }
        stdout.fail(cause);
        stderr.fail(cause);
        requests.failAll(cause);
        closed();
    }

    /** A hook for subclasses: the reply to the peer's request (if it wanted one) has been sent. */
    void afterRequest() throws SshException {
    }

    /** A hook for subclasses: we confirmed the peer's open, so data may flow. */
    void started() throws SshException {
    }

    /** A hook for subclasses: the channel is gone (closed by both sides, or the connection ended). */
    void closed() {
    }

    public boolean isOpen() {
        lock.lock();
        try {
            return !closeSent && !closeReceived && failure == null;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends CLOSE (once); the channel number is freed when the peer's CLOSE arrives. Closing a
     * channel whose connection has already ended is quiet: there is no one left to tell, and the
     * failure has been reported where it happened (rethrowing it here would also make it suppress
     * itself in a try-with-resources block).
     */
    @Override
    public void close() throws SshException {
        sendOrder.lock();
        try {
            lock.lock();
            try {
                if (closeSent || failure != null) {
                    return;
                }
                closeSent = true;
                out.wakeWriters();
            } finally {
                lock.unlock();
            }
            stdout.eof();
            stderr.eof();
            try {
                out.sendBare(MessageNumbers.CHANNEL_CLOSE);
            } catch (SshException e) {
                if (connection.isOpen() && connection.transport.failure() == null) {
                    throw e;
                }
            }
        } finally {
            sendOrder.unlock();
        }
    }

    @Override
    public String toString() {
        return "Channel[" + type + " " + localId + "->" + remoteId + "]";
    }
}
