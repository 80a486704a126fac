package ssh.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;

class ChannelBufferTest {
    private static final long LONGER_THAN_IDLE = ChannelBuffer.IDLE_RELEASE_NANOS + TimeUnit.MILLISECONDS.toNanos(300);

    @Test
    void holdsNoRingUntilDataComes() throws SshException {
        ChannelBuffer b = new ChannelBuffer(4096);
        assertEquals(0, b.capacity(), "an idle channel that never got data holds no ring");
        b.append(new byte[] {1, 2, 3}, 0, 3);
        assertEquals(4096, b.capacity(), "the first data allocates the initial capacity");
        byte[] out = new byte[8];
        assertEquals(3, b.read(out, 0, 8, 0));
        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(out, 3));
    }

    @Test
    void keepsOrderAcrossWrapAndGrowth() throws SshException {
        ChannelBuffer b = new ChannelBuffer(16);
        byte[] data = new byte[100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        b.append(data, 0, 10);
        byte[] out = new byte[100];
        assertEquals(6, b.read(out, 0, 6, 0));
        b.append(data, 10, 90);  // wraps in the 16-byte ring, then grows
        int n = 6;
        while (n < 100) {
            n += b.read(out, n, 100 - n, 0);
        }
        assertArrayEquals(data, out);
    }

    @Test
    void givesTheRingBackAfterTheReaderIdled() throws SshException {
        ChannelBuffer b = new ChannelBuffer(1024);
        b.append(new byte[5000], 0, 5000);
        byte[] out = new byte[5000];
        assertEquals(5000, b.read(out, 0, 5000, 0));
        assertTrue(b.capacity() >= 5000);
        assertThrows(SshTimeoutException.class, () -> b.read(out, 0, 1, LONGER_THAN_IDLE));
        assertEquals(0, b.capacity(), "a reader that waited on an empty buffer past the idle time releases the ring");
        b.append(new byte[] {7, 8}, 0, 2);
        assertEquals(1024, b.capacity(), "data after that starts a ring of the initial size again");
        assertEquals(2, b.read(out, 0, 10, 0));
        assertEquals(7, out[0]);
        assertEquals(8, out[1]);
    }

    @Test
    void aShortWaitKeepsTheRing() {
        ChannelBuffer b = new ChannelBuffer(1024);
        b.append(new byte[] {1}, 0, 1);
        byte[] out = new byte[4];
        assertThrows(SshTimeoutException.class, () -> {
            b.read(out, 0, 4, 0);
            b.read(out, 0, 4, TimeUnit.MILLISECONDS.toNanos(50));
        });
        assertEquals(1024, b.capacity(), "shorter than the idle time: the ring stays for the next data");
    }

    @Test
    void anUntimedReaderIsWokenByDataAfterTheRingWasReleased() throws Exception {
        ChannelBuffer b = new ChannelBuffer(64);
        b.append(new byte[] {1}, 0, 1);
        byte[] out = new byte[4];
        assertEquals(1, b.read(out, 0, 4, 0));
        int[] got = new int[2];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                got[0] = b.read(out, 0, 4, 0);
                got[1] = out[0];
            } catch (SshException e) {
                got[0] = -2;
            }
        });
        long deadline = System.nanoTime() + LONGER_THAN_IDLE + TimeUnit.SECONDS.toNanos(5);
        while (b.capacity() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, b.capacity(), "the waiting reader gave the ring back");
        b.append(new byte[] {42}, 0, 1);
        reader.join(5000);
        assertEquals(1, got[0]);
        assertEquals(42, got[1]);
    }
}
