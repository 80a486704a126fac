package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.endtoend.RawConnectionPeer.WAIT;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.connection.ChannelLimits;
import ssh.connection.SessionHandler;
import ssh.connection.SshClient;
import ssh.connection.SshServer;
import ssh.test.endtoend.RawConnectionPeer.Raw;
import ssh.test.endtoend.RawConnectionPeer.RawChannel;
import ssh.test.endtoend.RawConnectionPeer.U32;
import ssh.transport.Payload;

/**
 * Our server (SshServer) against a client that writes the connection protocol by hand and breaks
 * it: each case ends as RFC 4254 says, every handler blocked in a read or write gets an
 * {@link SshException} and ends, and the server goes on serving other clients.
 */
class ConnectionHostileServerTest {
    private static final ChannelLimits LIMITS = ConnectionHostileClientTest.LIMITS;

    /** How each exec ended, by command: its result, or the exception its handler got. */
    private final Map<String, CompletableFuture<Object>> ended = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    /**
     * exec commands: "read…" reads stdin to the end, "hold…" waits for {@link #release} first,
     * "write…" writes 256 MiB, anything else returns at once.
     */
    private final SessionHandler handler = s -> {
        CompletableFuture<Object> f = ended(s.command());
        try {
            if (s.command().startsWith("hold")) {
                assertTrue(release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            if (s.command().startsWith("read") || s.command().startsWith("hold")) {
                f.complete(s.stdin().transferTo(OutputStream.nullOutputStream()));
            } else if (s.command().startsWith("write")) {
                byte[] chunk = new byte[1 << 20];
                for (int i = 0; i < 256; i++) {
                    s.stdout().write(chunk);
                }
                f.complete("wrote everything");
            } else {
                f.complete("done");
            }
        } catch (Exception | AssertionError e) {
            f.complete(e);
        }
        return 0;
    };

    private CompletableFuture<Object> ended(String command) {
        return ended.computeIfAbsent(command, k -> new CompletableFuture<>());
    }

    /** The handler of {@code command} ended with an SshException (within {@link RawConnectionPeer#WAIT}). */
    private SshException handlerFailed(String command) throws Exception {
        Object outcome = ended(command).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return assertInstanceOf(SshException.class, outcome, () -> command + " ended with " + outcome);
    }

    private SshServer server(SshServer.Builder b) throws Exception {
        return b.hostKey(AuthPeers.ed25519()).port(0).auth(RawConnectionPeer.PASSWORDS).limits(LIMITS).start();
    }

    private SshServer server() throws Exception {
        return server(SshServer.builder().exec(handler).shell(handler).subsystem("echo", handler));
    }

    /** An honest client still gets served. */
    private static void stillServes(SshServer server) throws Exception {
        try (SshClient c = SshClient.builder("127.0.0.1", server.port()).hostKeyVerifier((h, p, k) -> true)
                .connect(RawConnectionPeer.credentials())) {
            assertEquals(0, c.exec("fine", WAIT).exitStatus());
        }
    }

    private static RawChannel exec(RawConnectionPeer raw, long window, String command) throws SshException {
        RawChannel c = raw.openSession(window, 32 * 1024);
        assertTrue(raw.request(c, "exec", command), "exec " + command + " refused");
        return c;
    }

    @Test
    void dataOneByteBeyondTheWindowIsAProtocolError() throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = exec(raw, 1 << 20, "hold");
            for (int i = 0; i < 4; i++) {
                raw.send(MessageNumbers.CHANNEL_DATA, c.theirs(), new byte[4096]);
            }
            assertTrue(raw.probe().isEmpty(), "exactly the window is allowed");
            raw.send(MessageNumbers.CHANNEL_DATA, c.theirs(), new byte[1]);
            raw.assertProtocolError();
            release.countDown();
            // the handler reads the 16 KiB that arrived within the window, then learns why the connection ended
            assertEquals(DisconnectReason.PROTOCOL_ERROR, handlerFailed("hold").reasonCode());
            stillServes(server);
        }
    }

    @Test
    void oneOversizedPacketFailsABlockedReader() throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = exec(raw, 1 << 20, "read");
            raw.send(MessageNumbers.CHANNEL_DATA, c.theirs(), new byte[LIMITS.windowSize() + 1]);
            raw.assertProtocolError();
            assertEquals(DisconnectReason.PROTOCOL_ERROR, handlerFailed("read").reasonCode());
            stillServes(server);
        }
    }

    @Test
    void windowAdjustPastTwoToTheThirtyTwoIsAProtocolError() throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = exec(raw, 0xFFFF_FFF0L, "read");
            raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, c.theirs(), 0x0F);
            assertTrue(raw.probe().isEmpty(), "a window of exactly 2^32-1 is allowed");
            raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, c.theirs(), new U32(0xFFFF_FFFFL));
            raw.assertProtocolError();
            handlerFailed("read");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {MessageNumbers.CHANNEL_DATA, MessageNumbers.CHANNEL_EXTENDED_DATA, MessageNumbers.CHANNEL_EOF,
        MessageNumbers.CHANNEL_CLOSE, MessageNumbers.CHANNEL_REQUEST, MessageNumbers.CHANNEL_WINDOW_ADJUST,
        MessageNumbers.CHANNEL_SUCCESS, MessageNumbers.CHANNEL_FAILURE})
    void messageForAChannelNeverOpened(int number) throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = exec(raw, 1 << 20, "read");
            raw.send(number, ConnectionHostileClientTest.channelMessage(number, c.theirs() + 1));
            raw.assertProtocolError();
            handlerFailed("read");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {MessageNumbers.CHANNEL_DATA, MessageNumbers.CHANNEL_EXTENDED_DATA, MessageNumbers.CHANNEL_EOF,
        MessageNumbers.CHANNEL_CLOSE, MessageNumbers.CHANNEL_REQUEST, MessageNumbers.CHANNEL_WINDOW_ADJUST,
        MessageNumbers.CHANNEL_SUCCESS, MessageNumbers.CHANNEL_FAILURE})
    void messageForAChannelClosedByBothSides(int number) throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = raw.openSession(1 << 20, 32 * 1024);
            raw.send(MessageNumbers.CHANNEL_CLOSE, c.theirs());
            assertEquals(c.ours(), raw.expect(MessageNumbers.CHANNEL_CLOSE).reader().readUint32("recipient"));
            raw.send(number, ConnectionHostileClientTest.channelMessage(number, c.theirs()));
            raw.assertProtocolError();
        }
    }

    @Test
    void opensBeyondTheChannelLimitAreRefusedWithoutDisconnect() throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel a = raw.openSession(1 << 20, 32 * 1024);
            WireReader unknown = raw.tryOpen("x-bogus@secsh.test", 1 << 20, 32 * 1024).reader();
            assertEquals(1, unknown.readUint32("recipient"));
            assertEquals(ChannelOpenFailure.UNKNOWN_CHANNEL_TYPE, unknown.readUint32("reason"));
            raw.openSession(1 << 20, 32 * 1024);
            WireReader refused = raw.tryOpen("session", 1 << 20, 32 * 1024).reader();
            assertEquals(3, refused.readUint32("recipient"));
            assertEquals(ChannelOpenFailure.RESOURCE_SHORTAGE, refused.readUint32("reason"));
            assertTrue(raw.probe().isEmpty());
            raw.send(MessageNumbers.CHANNEL_CLOSE, a.theirs());
            raw.expect(MessageNumbers.CHANNEL_CLOSE);
            assertEquals(MessageNumbers.CHANNEL_OPEN_CONFIRMATION,
                    raw.tryOpen("session", 1 << 20, 32 * 1024).messageNumber(), "a freed number is usable again");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"open-confirmation", "open-failure", "request-success", "request-failure",
        "channel-success", "channel-failure"})
    void replyToSomethingNeverSent(String what) throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = exec(raw, 1 << 20, "read");
            switch (what) {
                case "open-confirmation" -> raw.send(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, c.theirs() + 1, 7,
                        1 << 20, 4096);
                case "open-failure" -> raw.send(MessageNumbers.CHANNEL_OPEN_FAILURE, c.theirs() + 1,
                        ChannelOpenFailure.CONNECT_FAILED, "no", "");
                case "request-success" -> raw.send(MessageNumbers.REQUEST_SUCCESS);
                case "request-failure" -> raw.send(MessageNumbers.REQUEST_FAILURE);
                case "channel-success" -> raw.send(MessageNumbers.CHANNEL_SUCCESS, c.theirs());
                default -> raw.send(MessageNumbers.CHANNEL_FAILURE, c.theirs());
            }
            raw.assertProtocolError();
            handlerFailed("read");
        }
    }

    /** Malformed messages: strings longer than what is left, fields missing. */
    @ParameterizedTest
    @ValueSource(strings = {"data-string-past-end", "data-length-ffffffff", "data-no-string", "adjust-short",
        "open-no-window", "request-no-want-reply", "exec-command-past-end", "pty-req-short", "global-no-want-reply",
        "extended-no-type"})
    void truncatedMessageIsAProtocolError(String what) throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel open = raw.openSession(1 << 20, 32 * 1024);
            RawChannel c = exec(raw, 1 << 20, "read");
            int id = c.theirs();
            switch (what) {
                case "data-string-past-end" -> raw.send(MessageNumbers.CHANNEL_DATA, id, 1000, new Raw(new byte[10]));
                case "data-length-ffffffff" -> raw.send(MessageNumbers.CHANNEL_DATA, id, -1, new Raw(new byte[10]));
                case "data-no-string" -> raw.send(MessageNumbers.CHANNEL_DATA, id);
                case "adjust-short" -> raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, id, new Raw(new byte[2]));
                case "open-no-window" -> raw.send(MessageNumbers.CHANNEL_OPEN, "session", 9);
                case "request-no-want-reply" -> raw.send(MessageNumbers.CHANNEL_REQUEST, open.theirs(), "shell");
                case "exec-command-past-end" -> raw.send(MessageNumbers.CHANNEL_REQUEST, open.theirs(), "exec", true,
                        50, new Raw("ls".getBytes(StandardCharsets.US_ASCII)));
                case "pty-req-short" -> raw.send(MessageNumbers.CHANNEL_REQUEST, open.theirs(), "pty-req", true,
                        "xterm", 80);
                case "global-no-want-reply" -> raw.send(MessageNumbers.GLOBAL_REQUEST, "tcpip-forward");
                default -> raw.send(MessageNumbers.CHANNEL_EXTENDED_DATA, id, new Raw(new byte[3]));
            }
            raw.assertProtocolError();
            assertEquals(DisconnectReason.PROTOCOL_ERROR, handlerFailed("read").reasonCode());
            stillServes(server);
        }
    }

    @Test
    void clientVanishesWhileWeWriteAndRead() throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            exec(raw, 1 << 20, "read");
            RawChannel w = exec(raw, 0x7FFF_FFFFL, "write");
            WireReader first = raw.expect(MessageNumbers.CHANNEL_DATA).reader();
            assertEquals(w.ours(), first.readUint32("recipient"));
            raw.vanish();
            long start = System.nanoTime();
            handlerFailed("write");
            handlerFailed("read");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "handlers took too long to fail");
            stillServes(server);
        }
    }

    /** The handler writes to a client that granted 1 KiB and never more; {@code unblock} must free it. */
    @ParameterizedTest
    @ValueSource(strings = {"channel-close", "disconnect", "server-close"})
    void aWriterStuckOnAWindowNeverReturnedIsFreed(String unblock) throws Exception {
        SshServer server = server();
        try (RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = exec(raw, 1024, "write");
            WireReader data = raw.expect(MessageNumbers.CHANNEL_DATA).reader();
            assertEquals(c.ours(), data.readUint32("recipient"));
            assertEquals(1024, data.readString("data").length);
            assertThrows(TimeoutException.class, () -> ended("write").get(200, TimeUnit.MILLISECONDS));
            switch (unblock) {
                case "channel-close" -> raw.send(MessageNumbers.CHANNEL_CLOSE, c.theirs());
                case "disconnect" -> raw.send(MessageNumbers.DISCONNECT, DisconnectReason.BY_APPLICATION, "bye", "");
                default -> server.close();
            }
            handlerFailed("write");
            if (unblock.equals("channel-close")) {
                raw.expect(MessageNumbers.CHANNEL_CLOSE);
                assertTrue(raw.probe().isEmpty());
            }
        } finally {
            server.close();
        }
    }

    @Test
    void onlyOneProgramPerSession() throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = exec(raw, 1 << 20, "hold");
            assertFalse(raw.request(c, "exec", "second"), "a second exec");
            assertFalse(raw.request(c, "shell"), "a shell after exec");
            assertFalse(raw.request(c, "subsystem", "echo"), "a subsystem after exec");
            assertFalse(raw.request(c, "pty-req", "xterm", 80, 24, 0, 0, new byte[0]), "pty-req after exec");
            assertFalse(raw.request(c, "env", "LANG", "C"), "env after exec");
            assertTrue(raw.probe().isEmpty());
            release.countDown();
            assertFalse(ended.containsKey("second"));
        }
    }

    @Test
    void execWithoutAHandlerIsRefused() throws Exception {
        try (SshServer server = server(SshServer.builder().exec(null).shell(handler));
                RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = raw.openSession(1 << 20, 32 * 1024);
            assertFalse(raw.request(c, "exec", "read"));
            assertFalse(raw.request(c, "subsystem", "sftp"));
            assertTrue(raw.probe().isEmpty());
            assertTrue(ended.isEmpty());
        }
    }

    /** RFC 4254 section 6.5: one of exec, shell and subsystem succeeds per session; a refused one uses nothing up. */
    @Test
    void aRefusedRequestLeavesTheSessionUsable() throws Exception {
        try (SshServer server = server(SshServer.builder().exec(null).subsystem("echo", handler));
                RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel c = raw.openSession(1 << 20, 32 * 1024);
            assertFalse(raw.request(c, "subsystem", "no-such-subsystem"));
            assertFalse(raw.request(c, "exec", "nothing runs this"));
            assertTrue(raw.request(c, "subsystem", "echo"), "a subsystem after two refused requests");
        }
    }

    @Test
    void aChannelNumberComesBackOnlyAfterBothSidesClosed() throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel a = exec(raw, 1 << 20, "quick");
            Payload close = raw.expect(MessageNumbers.CHANNEL_CLOSE, MessageNumbers.CHANNEL_REQUEST,
                    MessageNumbers.CHANNEL_EOF);
            assertEquals(a.ours(), close.reader().readUint32("recipient"));
            raw.send(MessageNumbers.CHANNEL_DATA, a.theirs(), "after your CLOSE".getBytes(StandardCharsets.US_ASCII));
            assertTrue(raw.probe().isEmpty(), "data before our own CLOSE is allowed");
            RawChannel b = raw.openSession(1 << 20, 32 * 1024);
            assertNotEquals(a.theirs(), b.theirs(), "the number of a channel only the server closed was reused");
            WireReader refused = raw.tryOpen("session", 1 << 20, 32 * 1024).reader();
            refused.readUint32("recipient");
            assertEquals(ChannelOpenFailure.RESOURCE_SHORTAGE, refused.readUint32("reason"));
            raw.send(MessageNumbers.CHANNEL_CLOSE, a.theirs());
            assertTrue(raw.probe().isEmpty(), "no second CLOSE comes back");
            RawChannel again = raw.openSession(1 << 20, 32 * 1024);
            assertEquals(a.theirs(), again.theirs());
        }
    }

    /** RFC 4253 section 11.4: an unrecognized message gets SSH_MSG_UNIMPLEMENTED; it does not end the connection. */
    @ParameterizedTest
    @ValueSource(ints = {60, 101, 200})
    void unknownMessageNumberIsNotFatal(int number) throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            raw.send(number, 1, 2, 3);
            raw.probe();
        }
    }

    /** RFC 4252 section 5.1: a USERAUTH_REQUEST after success is ignored; the session goes on. */
    @org.junit.jupiter.api.Test
    void authRequestAfterLoginIsIgnored() throws Exception {
        try (SshServer server = server(); RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            raw.send(MessageNumbers.USERAUTH_REQUEST, "root", "ssh-connection", "none");
            assertTrue(raw.probe().isEmpty(), "no answer to the ignored request");
            raw.openSession(1 << 20, 32 * 1024);
        }
    }
}
