package ssh.connection;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;

/**
 * The bytes a channel has received and its reader has not yet taken: a ring buffer that never
 * holds more than the window we granted, so the connection's dispatcher never waits on it.
 *
 * <p>Memory per idle channel: the ring is allocated with the first data (most channels never get
 * any on stderr, many none on stdin), and given back once a reader has waited
 * {@link #IDLE_RELEASE_NANOS} on an empty buffer, so a session that moved a lot of data and then
 * idles does not keep a window-sized ring.
 */
final class ChannelBuffer {
    /** How long a reader waits on an empty buffer before its ring is given back. */
    static final long IDLE_RELEASE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final byte[] NONE = new byte[0];

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final int initialCapacity;
    private byte[] ring = NONE;
    private int head;
    private int size;
    private boolean eof;
    private SshException failure;

    /** A buffer whose ring, once data comes, starts at {@code initialCapacity} bytes (or what the data needs). */
    ChannelBuffer(int initialCapacity) {
        this.initialCapacity = Math.max(16, initialCapacity);
    }

    /** Appends received data; the caller has checked it against the window. */
    void append(byte[] data, int off, int len) {
        lock.lock();
        try {
            if (eof || len == 0) {
                return;
            }
            ensure(size + len);
            int tail = (head + size) % ring.length;
            int first = Math.min(len, ring.length - tail);
            System.arraycopy(data, off, ring, tail, first);
            System.arraycopy(data, off + first, ring, 0, len - first);
            size += len;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void ensure(int needed) {
        if (needed <= ring.length) {
            return;
        }
        byte[] bigger = new byte[Math.max(needed, Math.max(initialCapacity, ring.length * 2))];
        int first = Math.min(size, ring.length - head);
        System.arraycopy(ring, head, bigger, 0, first);
        System.arraycopy(ring, 0, bigger, first, size - first);
        ring = bigger;
        head = 0;
    }

    /** No more data will come: readers get what is left, then end of stream. */
    void eof() {
        lock.lock();
        try {
            eof = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The channel broke: readers get what is left, then {@code cause}. */
    void fail(SshException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            eof = true;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code len} bytes, waiting at most {@code timeoutNanos} (0: forever) for the
     * first; -1 at end of stream.
     */
    int read(byte[] b, int off, int len, long timeoutNanos) throws SshException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            long left = timeoutNanos;
            while (size == 0) {
                if (eof) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                if (timeoutNanos != 0 && left <= 0) {
                    throw new SshTimeoutException("no channel data within "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                }
                left = awaitData(timeoutNanos == 0 ? Long.MAX_VALUE : left);
            }
            int n = Math.min(len, size);
            int first = Math.min(n, ring.length - head);
            System.arraycopy(ring, head, b, off, first);
            System.arraycopy(ring, 0, b, off + first, n - first);
            head = (head + n) % ring.length;
            size -= n;
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted while reading a channel", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (lock held, buffer empty) for a signal or at most {@code nanos}; returns what is left.
     * A ring that stays empty for {@link #IDLE_RELEASE_NANOS} of one wait is given back.
     */
    private long awaitData(long nanos) throws InterruptedException {
        if (ring.length == 0 || nanos < IDLE_RELEASE_NANOS) {
            if (nanos == Long.MAX_VALUE) {
                readable.await();
                return nanos;
            }
            return readable.awaitNanos(nanos);
        }
        long rest = readable.awaitNanos(IDLE_RELEASE_NANOS);
        if (rest <= 0 && size == 0) {
            ring = NONE;
            head = 0;
        }
        return nanos == Long.MAX_VALUE ? nanos : nanos - (IDLE_RELEASE_NANOS - rest);
    }

    /** The ring's capacity now (0 while none is held): for tests of the memory policy. */
    int capacity() {
        lock.lock();
        try {
            return ring.length;
        } finally {
            lock.unlock();
        }
    }

    int available() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }
}
