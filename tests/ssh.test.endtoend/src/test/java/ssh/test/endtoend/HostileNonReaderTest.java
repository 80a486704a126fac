package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.endtoend.HostileChannelFloodTest.usedHeapAfterGc;
import static ssh.test.endtoend.RawConnectionPeer.WAIT;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ssh.api.SshException;
import ssh.api.wire.MessageNumbers;
import ssh.connection.ChannelLimits;
import ssh.connection.SessionHandler;
import ssh.connection.SshServer;
import ssh.test.endtoend.RawConnectionPeer.Raw;
import ssh.test.endtoend.RawConnectionPeer.RawChannel;

/**
 * Peers that stop reading (issue 9, "unauthenticated resource use"): a client that grants a huge
 * window and then reads nothing while our server has 100 MiB to send, with or without a flood of
 * its own on top; and a ping@openssh.com flood after login from a client that never reads the
 * PONGs. Our buffers must stay bounded (heap growth measured after a GC, server and client in
 * this JVM), the writer must block, and everything must end when the peer goes away.
 */
@Timeout(60)
class HostileNonReaderTest {
    private static final long HUNDRED_MIB = 100L << 20;
    private final AtomicLong written = new AtomicLong();
    private final CompletableFuture<Object> ended = new CompletableFuture<>();

    /** exec "write": 100 MiB in 64 KiB writes, counted in {@link #written}. */
    private final SessionHandler writer = s -> {
        try {
            byte[] chunk = new byte[64 * 1024];
            while (written.get() < HUNDRED_MIB) {
                s.stdout().write(chunk);
                written.addAndGet(chunk.length);
            }
            ended.complete("wrote everything");
        } catch (Exception e) {
            ended.complete(e);
        }
        return 0;
    };

    private SshServer server() throws Exception {
        return SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(RawConnectionPeer.PASSWORDS)
                .limits(ChannelLimits.DEFAULT).exec(writer).shell(null).start();
    }

    /**
     * The writer blocks (it stops making progress long before 100 MiB), the heap stays within
     * 16 MiB of where it was, and when the peer vanishes the writer fails at once.
     */
    @Test
    void aPeerThatNeverReadsBlocksTheWriter() throws Exception {
        try (SshServer server = server(); HostileStallProxy proxy = new HostileStallProxy(server.port());
                RawConnectionPeer raw = RawConnectionPeer.connect(proxy.port())) {
            long before = usedHeapAfterGc();
            long stuck = blockTheWriter(raw, proxy);
            assertTrue(stuck < HUNDRED_MIB && !ended.isDone(), "the writer never blocked: " + stuck + " bytes");
            long growth = usedHeapAfterGc() - before;
            assertTrue(growth < 16 << 20, "heap grew by " + growth + " bytes against a peer that reads nothing");
            raw.vanish();
            proxy.close();
            Object outcome = ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertInstanceOf(SshException.class, outcome, () -> "the writer ended with " + outcome);
        }
    }

    /**
     * As above, and while our writer is blocked the peer sends 300 global requests of 200 KiB each
     * (60 MiB) that want a reply it will never read. The server must stop reading them rather than
     * queue them: the heap stays within 16 MiB. To see it fail, give TransportInbox no byte bound
     * (its queue then holds 4,096 packets of up to 256 KiB, 1 GiB, as it once did).
     */
    @Test
    void aPeerThatNeverReadsCannotMakeUsQueueItsRequests() throws Exception {
        try (SshServer server = server(); HostileStallProxy proxy = new HostileStallProxy(server.port());
                RawConnectionPeer raw = RawConnectionPeer.connect(proxy.port())) {
            long before = usedHeapAfterGc();
            blockTheWriter(raw, proxy);
            AtomicLong sent = new AtomicLong();
            RawConnectionPeer.async(() -> {
                byte[] junk = new byte[200 * 1024];
                for (int i = 0; i < 300; i++) {
                    raw.send(MessageNumbers.GLOBAL_REQUEST, "x-junk@secsh.test", true, new Raw(junk));
                    sent.addAndGet(junk.length);
                }
                return null;
            });
            Thread.sleep(1500);
            long growth = usedHeapAfterGc() - before;
            assertTrue(growth < 16 << 20, "heap grew by " + growth + " bytes; the peer got " + sent.get()
                    + " bytes of requests in while reading nothing");
            raw.vanish();
            proxy.close();
            assertInstanceOf(SshException.class, ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Opens a session with an unbounded window, stalls the proxy and has the server's handler write
     * into it until it blocks; returns the bytes it got out before that.
     */
    private long blockTheWriter(RawConnectionPeer raw, HostileStallProxy proxy) throws Exception {
        RawChannel c = raw.openSession(0x7FFF_FFFFL, 32 * 1024);
        proxy.stall(true);
        raw.send(MessageNumbers.CHANNEL_REQUEST, c.theirs(), "exec", false, "write");
        return awaitNoProgress();
    }

    /**
     * 100,000 ping@openssh.com after login from a peer that reads no PONG: the server answers
     * from its reader, so once the socket is full it stops reading and the flood stops with it;
     * the heap stays within 4 MiB. When the peer reads again, the connection is intact.
     */
    @Test
    void pingFloodFromAPeerThatNeverReads() throws Exception {
        try (SshServer server = server(); HostileStallProxy proxy = new HostileStallProxy(server.port());
                RawConnectionPeer raw = RawConnectionPeer.connect(proxy.port())) {
            assertTrue(raw.probe().isEmpty());
            long before = usedHeapAfterGc();
            proxy.stall(true);
            AtomicLong pings = new AtomicLong();
            CompletableFuture<Object> flood = RawConnectionPeer.async(() -> {
                byte[] data = new byte[16];
                for (int i = 0; i < 100_000; i++) {
                    raw.send(MessageNumbers.PING, data);
                    pings.incrementAndGet();
                }
                return null;
            });
            Thread.sleep(1500);
            long growth = usedHeapAfterGc() - before;
            assertTrue(growth < 4 << 20, "heap grew by " + growth + " bytes after " + pings.get() + " pings");
            proxy.stall(false);
            flood.get(30, TimeUnit.SECONDS);
            assertEquals(100_000, pings.get());
            // our client's transport consumes PONGs itself; nothing else may have come
            assertTrue(raw.probe().isEmpty(), "the connection is intact");
        }
    }

    /** Waits until the writer's count stops moving for half a second; returns it. */
    private long awaitNoProgress() throws InterruptedException {
        long last = -1;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            long now = written.get();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
            Thread.sleep(500);
        }
        return written.get();
    }
}
