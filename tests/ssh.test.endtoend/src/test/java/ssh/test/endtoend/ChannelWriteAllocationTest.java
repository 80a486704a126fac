package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ARCHITECTURE.md section 4: channel data is copied once from the caller's array into the packet
 * buffer and once from the packet buffer into the channel's buffer, with no per-packet allocation.
 * Counts heap bytes (not time) per 32 KiB write with {@link ChannelWriteAllocationProbe}. The bounds
 * are far below one payload copy: building CHANNEL_DATA in a new WireWriter (as Channel.write once
 * did) costs the writer over 32 KiB a write, and queueing a copy of each received packet for the
 * dispatcher (as the reader loop once did) another 32 KiB; after warm-up a write costs under 1 KiB.
 * To see it fail, go back to {@code connection.send(new WireWriter(...).writeString(b, off, chunk))}
 * in ChannelWriter.write, or drop {@code transport.receiveInline} in Connection.start.
 */
class ChannelWriteAllocationTest {
    @Test
    @Timeout(60)
    void aChannelWriteAllocatesFarLessThanItsPayload() throws Exception {
        try (ChannelWriteAllocationProbe p = new ChannelWriteAllocationProbe()) {
            p.measure(1024);  // warm-up: buffers grow to their steady size, the window to its maximum
            ChannelWriteAllocationProbe.Result r = p.measure(1024);
            System.out.println("ChannelWriteAllocationTest: " + r);
            assertTrue(r.writer() < 4096, () -> "writer path: " + r);
            assertTrue(r.total() < 8192, () -> "write and read paths: " + r);
        }
    }
}
