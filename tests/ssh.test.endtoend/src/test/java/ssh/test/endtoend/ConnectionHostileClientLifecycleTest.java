package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.endtoend.ConnectionHostileClientTest.LIMITS;
import static ssh.test.endtoend.ConnectionHostileClientTest.open;
import static ssh.test.endtoend.RawConnectionPeer.WAIT;
import static ssh.test.endtoend.RawConnectionPeer.async;
import static ssh.test.endtoend.RawConnectionPeer.failureOf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshChannelOpenException;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.connection.Session;
import ssh.connection.SshClient;
import ssh.test.endtoend.ConnectionHostileClientTest.Opened;
import ssh.test.endtoend.RawConnectionPeer.Listener;

/**
 * Our client (SshClient) against a raw server that goes away, goes silent or closes at awkward
 * moments: every blocked reader, writer and pending request on our side gets an
 * {@link SshException} within seconds, and channel numbers and data after CLOSE follow RFC 4254.
 */
class ConnectionHostileClientLifecycleTest {
    @Test
    void serverVanishesWhileWeWriteAndRead() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened up = open(c, raw, 0x7FFF_FFFFL, 32 * 1024);
            Opened down = open(c, raw, 0x7FFF_FFFFL, 32 * 1024);
            CompletableFuture<Void> writer = async(() -> {
                byte[] chunk = new byte[1 << 20];
                for (int i = 0; i < 256; i++) {
                    up.session().getOutputStream().write(chunk);
                }
                return null;
            });
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            CompletableFuture<Long> reader = async(() -> down.session().getInputStream().transferTo(got));
            raw.send(MessageNumbers.CHANNEL_DATA, down.ours(), new byte[1000]);
            raw.expect(MessageNumbers.CHANNEL_DATA);
            raw.vanish();
            long start = System.nanoTime();
            failureOf(writer);
            failureOf(reader);  // a lost connection is never a clean end of stream
            assertEquals(1000, got.size());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
            up.session().waitFor(WAIT);
            down.session().waitFor(WAIT);
            c.connection().awaitEnd(WAIT);
            assertFalse(c.connection().isOpen());
        }
    }

    @Test
    void everyPendingCallFailsWhenTheServerVanishes() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 1 << 20, 4096);
            CompletableFuture<Void> exec = async(() -> {
                o.session().exec("never answered");
                return null;
            });
            raw.expect(MessageNumbers.CHANNEL_REQUEST);
            CompletableFuture<Session> opening = async(c::openSession);
            raw.expect(MessageNumbers.CHANNEL_OPEN);
            CompletableFuture<?> global = async(() -> c.connection().globalRequest("x@secsh.test", new byte[0],
                    WAIT.multipliedBy(3)));
            raw.expect(MessageNumbers.GLOBAL_REQUEST);
            CompletableFuture<Integer> reader = async(() -> o.session().getInputStream().read());
            raw.vanish();
            failureOf(exec);
            failureOf(opening);
            failureOf(global);
            failureOf(reader);
            c.connection().awaitEnd(WAIT);
        }
    }

    @Test
    void aRequestAnsweredWithCloseFailsAtOnce() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 1 << 20, 4096);
            CompletableFuture<Void> exec = async(() -> {
                o.session().exec("closed instead");
                return null;
            });
            raw.expect(MessageNumbers.CHANNEL_REQUEST);
            raw.send(MessageNumbers.CHANNEL_CLOSE, o.ours());
            failureOf(exec);
            assertEquals(o.raw(), raw.expect(MessageNumbers.CHANNEL_CLOSE).reader().readUint32("recipient"));
            assertTrue(raw.probe().isEmpty());
            o.session().waitFor(WAIT);
            assertTrue(c.connection().isOpen());
        }
    }

    /** The writer is stuck on a window of 1 KiB that the server never adds to; {@code unblock} must free it. */
    @ParameterizedTest
    @ValueSource(strings = {"channel-close", "client-close", "disconnect"})
    void aWriterStuckOnAWindowNeverReturnedIsFreed(String unblock) throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 1024, 4096);
            CompletableFuture<Void> writer = async(() -> {
                o.session().getOutputStream().write(new byte[64 * 1024]);
                return null;
            });
            WireReader data = raw.expect(MessageNumbers.CHANNEL_DATA).reader();
            assertEquals(o.raw(), data.readUint32("recipient"));
            assertEquals(1024, data.readString("data").length);
            assertThrows(TimeoutException.class, () -> writer.get(200, TimeUnit.MILLISECONDS));
            switch (unblock) {
                case "channel-close" -> o.session().close();
                case "client-close" -> c.close();
                default -> raw.send(MessageNumbers.DISCONNECT, DisconnectReason.BY_APPLICATION, "bye", "");
            }
            SshException e = failureOf(writer);
            if (unblock.equals("disconnect")) {
                assertEquals(DisconnectReason.BY_APPLICATION,
                        assertInstanceOf(SshDisconnectException.class, e).reasonCode());
            }
            if (!unblock.equals("channel-close")) {
                c.connection().awaitEnd(WAIT);
                o.session().waitFor(WAIT);
            }
        }
    }

    @Test
    void dataAfterOurCloseNeverReachesTheReader() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 1 << 20, 4096);
            raw.send(MessageNumbers.CHANNEL_DATA, o.ours(), "early".getBytes(StandardCharsets.US_ASCII));
            assertArrayEquals("early".getBytes(StandardCharsets.US_ASCII), o.session().getInputStream().readNBytes(5));
            o.session().close();
            raw.expect(MessageNumbers.CHANNEL_CLOSE);
            raw.send(MessageNumbers.CHANNEL_DATA, o.ours(), "late".getBytes(StandardCharsets.US_ASCII));
            raw.send(MessageNumbers.CHANNEL_EXTENDED_DATA, o.ours(), 1, "late".getBytes(StandardCharsets.US_ASCII));
            assertTrue(raw.probe().isEmpty(), "data before the peer's CLOSE is allowed");
            assertEquals(-1, o.session().getInputStream().read());
            assertEquals(-1, o.session().getErrorStream().read());
            raw.send(MessageNumbers.CHANNEL_CLOSE, o.ours());
            assertTrue(raw.probe().isEmpty());
        }
    }

    @Test
    void aChannelNumberComesBackOnlyAfterBothSidesClosed() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened a = open(c, raw, 1 << 20, 4096);
            a.session().close();
            raw.expect(MessageNumbers.CHANNEL_CLOSE);
            Opened b = open(c, raw, 1 << 20, 4096);
            assertNotEquals(a.ours(), b.ours(), "the number of a channel only we closed was reused");
            SshChannelOpenException full = assertThrows(SshChannelOpenException.class, c::openSession);
            assertEquals(ChannelOpenFailure.RESOURCE_SHORTAGE, full.failureCode());
            raw.send(MessageNumbers.CHANNEL_CLOSE, a.ours());
            assertTrue(raw.probe().isEmpty());
            Opened again = open(c, raw, 1 << 20, 4096);
            assertEquals(a.ours(), again.ours());
        }
    }

    /** Connection.awaitEnd documents null after a clean close; our own close is the cleanest there is. */
    @Test
    void closingTheClientIsACleanEnd() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            l.peer().probe();
            Thread.sleep(100);  // our dispatcher is waiting for the next message, as it is nearly always
            c.close();
            SshException why = c.connection().awaitEnd(WAIT);
            assertNull(why, () -> "a clean close reported " + why);
        }
    }


    /** ServerAliveInterval: a server that answers no keepalive is dropped, and a blocked reader learns of it. */
    @Test
    void aServerThatNeverAnswersKeepalivesIsDropped() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = SshClient.builder("127.0.0.1", l.port()).hostKeyVerifier((h, p, k) -> true).limits(LIMITS)
                    .serverAlive(Duration.ofMillis(100), 2).connect(RawConnectionPeer.credentials());
            try (c) {
                RawConnectionPeer raw = l.peer();
                Opened o = open(c, raw, 1 << 20, 4096);
                CompletableFuture<Integer> reader = async(() -> o.session().getInputStream().read());
                WireReader r = raw.expect(MessageNumbers.GLOBAL_REQUEST).reader();
                assertEquals("keepalive@openssh.com", r.readUtf8("request name"));
                assertTrue(r.readBoolean("want reply"));
                failureOf(reader);
                c.connection().awaitEnd(WAIT);
                assertFalse(c.connection().isOpen());
            }
        }
    }
}
