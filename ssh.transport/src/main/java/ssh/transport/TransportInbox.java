package ssh.transport;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ssh.api.SshException;

/**
 * The messages a transport's reader thread hands to the layers above, in order. Most are copied into
 * a queue for {@link Transport#receive}; those an {@link InlineReceiver} takes (channel data, say) are
 * handled on the reader thread straight from the decrypted packet buffer, with no copy or allocation
 * of their own, but only while the consumer has finished with everything queued before them, so the
 * order of messages is kept exactly.
 *
 * <p>The queue is bounded in bytes as well as in messages: when the consumer falls behind (its
 * sends blocked by a peer that does not read, say), the reader thread stops reading once
 * {@code maxQueuedBytes} wait, so a peer cannot make us hold more than that by sending requests
 * whose replies it never takes. If the consumer is itself waiting for a key exchange that this
 * blocked reader would run, that send gives up after its own timeout and ends the connection.
 */
final class TransportInbox {
    private static final Payload CLOSED = new Payload(new byte[] {0}, 0);

    private final BlockingQueue<Payload> queue = new LinkedBlockingQueue<>(4096);
    /** Bytes of queued messages still allowed; the reader waits for permits, the consumer returns them. */
    private final Semaphore room;
    private final int maxQueuedBytes;
    private volatile boolean closed;
    /**
     * Messages queued and not yet finished by the consumer: incremented by the reader thread only,
     * decremented when the consumer comes back to {@link #receive} for the next message. At zero the
     * consumer is idle and, since only the reader thread queues, stays idle while an inline message
     * is handled.
     */
    private final AtomicInteger unfinished = new AtomicInteger();
    /** The consumer holds a message from the last receive (only the consumer's thread touches it). */
    private volatile boolean holding;
    private volatile InlineReceiver inline;

    /** A queue holding at most {@code maxQueuedBytes} of message bytes (at least one largest packet). */
    TransportInbox(int maxQueuedBytes) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.room = new Semaphore(maxQueuedBytes);
    }

    void inline(InlineReceiver receiver) {
        this.inline = receiver;
    }

    /** Reader thread: hands {@code payload[off, off+len)} on, inline if possible, else as a copy in the queue. */
    void deliver(byte[] payload, int off, int len, int sequence) throws SshException, InterruptedException {
        InlineReceiver r = inline;
        if (r != null && unfinished.get() == 0 && r.accept(payload, off, len)) {
            return;
        }
        int cost = Math.min(len, maxQueuedBytes);
        while (!room.tryAcquire(cost, 100, TimeUnit.MILLISECONDS)) {
            if (closed) {
                return;
            }
        }
        byte[] copy = new byte[len];
        System.arraycopy(payload, off, copy, 0, len);
        unfinished.incrementAndGet();
        queue.put(new Payload(copy, sequence));
    }

    /** Consumer: the next message; null after {@code timeout}; {@link #CLOSED} once closed (for every later call too). */
    Payload receive(Duration timeout) throws InterruptedException {
        if (holding) {
            holding = false;
            unfinished.decrementAndGet();
        }
        Payload p = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (p != null && p != CLOSED) {
            room.release(Math.min(p.data().length, maxQueuedBytes));
        }
        if (p == CLOSED) {
            queue.offer(CLOSED);
            return null;
        }
        holding = p != null;
        return p;
    }

    void close() {
        closed = true;
        queue.offer(CLOSED);
    }
}
