package ssh.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReceiveWindowTest {
    @Test
    void creditComesBackAtHalfTheWindow() {
        ReceiveWindow w = new ReceiveWindow(1000, 1000);
        assertTrue(w.take(1000));
        assertFalse(w.take(1), "nothing beyond the window");
        assertEquals(0, w.consumed(499, 501));
        assertEquals(500, w.consumed(1, 500));
        assertEquals(500, w.remaining());
    }

    @Test
    void growsOnlyWhenThePeerWaitedAndTheReaderKeepsUp() {
        ReceiveWindow w = new ReceiveWindow(1000, 4000);
        assertTrue(w.take(600));
        assertEquals(500, w.consumed(500, 0), "the first adjust has nothing to compare with");
        assertTrue(w.take(300));
        assertEquals(0, w.consumed(400, 0));
        assertEquals(500, w.consumed(100, 0), "the peer still had credit from before that adjust: no growth");
        assertEquals(1000, w.size());
        assertTrue(w.take(1100));
        assertEquals(1500, w.consumed(500, 0), "the peer used everything granted before: the window doubles");
        assertEquals(2000, w.size());
    }

    @Test
    void aSlowReaderNeverGrowsIt() {
        ReceiveWindow w = new ReceiveWindow(1000, 4000);
        for (int i = 0; i < 20; i++) {
            assertTrue(w.take(500));
            w.consumed(500, 900);
        }
        assertEquals(1000, w.size());
    }

    /** Whatever the peer and reader do, the peer never gets more credit than the largest window. */
    @Property(tries = 300)
    void outstandingCreditStaysBounded(@ForAll @IntRange(min = 1, max = 5000) int send,
            @ForAll @IntRange(min = 0, max = 3000) int buffered) {
        ReceiveWindow w = new ReceiveWindow(2000, 16000);
        long unread = 0;
        for (int i = 0; i < 50; i++) {
            int n = (int) Math.min(send, w.remaining());
            assertTrue(w.take(n));
            unread += n;
            int read = (int) Math.min(unread, 1 + (send * (long) i) % 4000);
            unread -= read;
            w.consumed(read, (int) Math.min(unread, buffered));
            assertTrue(w.remaining() + unread <= 16000, "credit " + w.remaining() + " plus unread " + unread);
            assertTrue(w.size() <= 16000);
        }
    }
}
