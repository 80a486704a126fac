package ssh.connection;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.wire.MessageNumbers;

/**
 * A channel's outgoing side (RFC 4254 sections 5.2 and 5.3): the window and maximum packet the peer
 * granted, data writes that wait for window space, and the channel's small messages (WINDOW_ADJUST,
 * EOF, CLOSE). Every message is a header in a buffer of this channel plus, for data, the caller's
 * bytes, handed to the transport as two slices: the data is copied once, into the packet buffer,
 * and nothing is allocated per write (ARCHITECTURE.md section 4).
 *
 * <p>Locks are the channel's: its state lock guards the window, its send order (taken first) guards
 * the header buffers and orders what is sent.
 */
final class ChannelWriter {
    private final Channel channel;
    private final ReentrantLock lock;
    private final ReentrantLock sendOrder;
    private final Condition windowOpened;
    /** Guarded by sendOrder: the header of the data message being sent (number, recipient, [type], length). */
    private final byte[] dataHeader = new byte[13];
    /** Guarded by sendOrder: the small message being sent (number, recipient, [uint32]). */
    private final byte[] control = new byte[9];
    /** Guarded by lock: what the peer lets us send now. */
    private long remoteWindow;
    private int remoteMaxPacket = 1;

    ChannelWriter(Channel channel, ReentrantLock lock, ReentrantLock sendOrder) {
        this.channel = channel;
        this.lock = lock;
        this.sendOrder = sendOrder;
        this.windowOpened = lock.newCondition();
    }

    /** The peer's initial window and maximum packet; the caller holds the lock. */
    void opened(long window, int maxPacket) {
        remoteWindow = window;
        remoteMaxPacket = maxPacket;
    }

    /** Wakes writers waiting for window space, to see that the channel closed; the caller holds the lock. */
    void wakeWriters() {
        windowOpened.signalAll();
    }

    /** Writes all of {@code b[off..off+len)} as {@code message} (DATA, or EXTENDED_DATA with {@code dataType}). */
    void write(int message, int dataType, byte[] b, int off, int len) throws SshException {
        while (len > 0) {
            int chunk;
            lock.lock();
            try {
                while (remoteWindow == 0 && channel.outputOpen()) {
                    windowOpened.await();
                }
                channel.checkWritable();
                chunk = (int) Math.min(Math.min(len, remoteWindow), remoteMaxPacket);
                remoteWindow -= chunk;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SshException("interrupted while writing a channel", e);
            } finally {
                lock.unlock();
            }
            sendOrder.lock();
            try {
                lock.lock();
                try {
                    channel.checkWritable();
                } finally {
                    lock.unlock();
                }
                int n = start(dataHeader, message);
                n = put(dataHeader, n, channel.remoteId);
                if (dataType >= 0) {
                    n = put(dataHeader, n, dataType);
                }
                n = put(dataHeader, n, chunk);
                channel.connection.send(dataHeader, n, b, off, chunk);
            } finally {
                sendOrder.unlock();
            }
            off += chunk;
            len -= chunk;
        }
    }

    /** The peer's WINDOW_ADJUST. */
    void onWindowAdjust(long bytes) throws SshException {
        lock.lock();
        try {
            if (remoteWindow + bytes > 0xFFFF_FFFFL) {
                throw new SshProtocolException("channel " + channel.localId + ": window adjust of " + bytes
                        + " takes the window past 2^32-1");
            }
            remoteWindow += bytes;
            windowOpened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sends WINDOW_ADJUST; the caller holds the send order. */
    void sendWindowAdjust(long bytes) throws SshException {
        int n = start(control, MessageNumbers.CHANNEL_WINDOW_ADJUST);
        n = put(control, n, channel.remoteId);
        n = put(control, n, (int) bytes);
        channel.connection.send(control, n, control, 0, 0);
    }

    /** Sends a message with nothing but the recipient channel (EOF, CLOSE); the caller holds the send order. */
    void sendBare(int message) throws SshException {
        int n = start(control, message);
        n = put(control, n, channel.remoteId);
        channel.connection.send(control, n, control, 0, 0);
    }

    /** Starts a message in {@code to}: its number; returns where the next field goes. */
    private static int start(byte[] to, int message) {
        to[0] = (byte) message;
        return 1;
    }

    private static int put(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
        return at + 4;
    }
}
