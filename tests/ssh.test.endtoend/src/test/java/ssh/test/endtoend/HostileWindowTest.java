package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.endtoend.RawConnectionPeer.WAIT;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.connection.ChannelLimits;
import ssh.connection.SessionHandler;
import ssh.connection.SshServer;
import ssh.test.endtoend.RawConnectionPeer.RawChannel;
import ssh.test.endtoend.RawConnectionPeer.U32;
import ssh.transport.Payload;

/**
 * Window abuse against our server (issue 9, "window and channel abuse"): a peer that pours 16 MiB
 * into the 2 MiB window it was given, and a peer that grants a window of 0 with a maximum packet
 * of 1, against which our writer must block without spinning. Adjusts past 2^32-1 are in
 * {@link ConnectionHostileServerTest}, {@link ConnectionHostileClientTest} and
 * {@link HostileWindowProperties}.
 */
@Timeout(60)
class HostileWindowTest {
    private static final int PACKET = 32 * 1024;

    private static SshServer server(SessionHandler handler) throws Exception {
        return SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(RawConnectionPeer.PASSWORDS)
                .limits(ChannelLimits.DEFAULT).exec(handler).shell(null).start();
    }

    /**
     * OpenSSH's session window (2 MiB) and a peer that sends 16 MiB without waiting for an adjust
     * while the handler reads nothing: the packet that passes the window ends the connection with
     * PROTOCOL_ERROR, and what was buffered for the handler is the window and no more (the issue
     * allows window + 10%). Fails without the protection: drop the window check in
     * {@code Channel}'s data path (the "data beyond the window" PROTOCOL_ERROR) and the handler
     * reads the whole 16 MiB.
     */
    @Test
    void sixteenMiBIntoATwoMiBWindow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        CompletableFuture<Object> ended = new CompletableFuture<>();
        SessionHandler hold = s -> {
            try {
                assertTrue(release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = s.stdin().read(buf)) >= 0) {
                    delivered.addAndGet(n);
                }
                ended.complete("end of stream");
            } catch (Exception | AssertionError e) {
                ended.complete(e);
            }
            return 0;
        };
        int window = ChannelLimits.DEFAULT.windowSize();
        try (SshServer server = server(hold); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = raw.openSession(1 << 20, PACKET);
            assertTrue(raw.request(c, "exec", "hold"));
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Object> pour = raw.pour(c.theirs(), PACKET, 16 << 20, sent);
            raw.assertProtocolError();
            release.countDown();
            Object outcome = ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertInstanceOf(SshException.class, outcome, () -> "the handler's stdin ended with " + outcome);
            assertEquals(DisconnectReason.PROTOCOL_ERROR, ((SshException) outcome).reasonCode());
            assertTrue(delivered.get() <= window + window / 10,
                    "buffered " + delivered.get() + " bytes for a window of " + window);
            assertEquals(window, delivered.get(), "everything within the window reaches the handler");
            pour.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(sent.get() > window, "the peer never passed the window");
        }
    }

    /**
     * The peer grants a window of 0 and a maximum packet of 1. The handler's writer (a platform
     * thread, so its CPU time can be read) must block without burning CPU: under 100 ms of CPU over
     * a second. An adjust of 5 then lets exactly five 1-byte CHANNEL_DATA through, and it blocks
     * again. Fails without the protection: make the window wait in {@code Channel}'s write path
     * poll (for instance {@code Thread.onSpinWait()} in a loop instead of waiting on the condition)
     * and the CPU time reaches the whole second.
     */
    @Test
    void aZeroWindowWithMaxPacketOneBlocksWithoutSpinning() throws Exception {
        CompletableFuture<Thread> writer = new CompletableFuture<>();
        CompletableFuture<Object> ended = new CompletableFuture<>();
        SessionHandler write = s -> {
            Thread t = Thread.ofPlatform().name("hostile-window-writer").start(() -> {
                try {
                    s.stdout().write(new byte[1 << 20]);
                    s.stdout().flush();
                    ended.complete("wrote everything");
                } catch (Exception e) {
                    ended.complete(e);
                }
            });
            writer.complete(t);
            t.join();
            return 0;
        };
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (SshServer server = server(write); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = raw.openSession(0, 1);
            assertTrue(raw.request(c, "exec", "write"));
            Thread t = writer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Thread.sleep(300);
            assertTrue(raw.probe().isEmpty(), "data was sent into a window of 0");
            long cpu0 = mx.getThreadCpuTime(t.threadId());
            long wall0 = System.nanoTime();
            Thread.sleep(1000);
            long cpu = mx.getThreadCpuTime(t.threadId()) - cpu0;
            long wall = System.nanoTime() - wall0;
            assertTrue(t.isAlive() && !ended.isDone(), "the writer did not block");
            assertTrue(cpu >= 0, "no CPU time for the writer thread");
            assertTrue(cpu < TimeUnit.MILLISECONDS.toNanos(100),
                    "the blocked writer used " + cpu / 1_000_000 + " ms of CPU in " + wall / 1_000_000 + " ms");

            raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, c.theirs(), new U32(5));
            for (int i = 0; i < 5; i++) {
                WireReader r = raw.expect(MessageNumbers.CHANNEL_DATA).reader();
                assertEquals(c.ours(), r.readUint32("recipient"));
                assertEquals(1, r.readString("data").length, "max packet 1");
            }
            Payload more = quietFor(raw, Duration.ofMillis(300));
            assertEquals(null, more, () -> "sent beyond the adjusted window: " + more);
            raw.send(MessageNumbers.CHANNEL_CLOSE, c.theirs());
            Object outcome = ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertInstanceOf(SshException.class, outcome, () -> "the writer ended with " + outcome);
            t.join(WAIT.toMillis());
        }
    }

    /** The next message within {@code d}, or null if none came. */
    private static Payload quietFor(RawConnectionPeer raw, Duration d) throws SshException {
        try {
            return raw.transport.receive(d);
        } catch (SshTimeoutException quiet) {
            return null;
        }
    }
}
