package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.endtoend.RawConnectionPeer.WAIT;
import static ssh.test.endtoend.RawConnectionPeer.async;
import static ssh.test.endtoend.RawConnectionPeer.failureOf;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.connection.ChannelLimits;
import ssh.connection.Session;
import ssh.connection.SshClient;
import ssh.test.endtoend.RawConnectionPeer.Listener;
import ssh.test.endtoend.RawConnectionPeer.U32;

/**
 * Our client (SshClient) against a server that writes the connection protocol by hand and breaks
 * it (windows overrun, channels never opened or already closed, replies to nothing, truncated
 * messages): each case ends with DISCONNECT PROTOCOL_ERROR, and every reader and writer waiting on
 * our side gets an {@link SshException}. {@link ConnectionHostileClientLifecycleTest} has the rest.
 */
class ConnectionHostileClientTest {
    /** A 16 KiB window, 4 KiB packets, two channels: small enough to overrun in one packet. */
    static final ChannelLimits LIMITS = new ChannelLimits(16 * 1024, 4 * 1024, 2);

    /** A session our client opened and the raw server confirmed: our number and the raw side's. */
    record Opened(Session session, int ours, int raw) {
    }

    /** Our client opens a session; the raw server confirms it with {@code window} and {@code maxPacket}. */
    static Opened open(SshClient c, RawConnectionPeer raw, long window, int maxPacket) throws Exception {
        CompletableFuture<Session> s = async(c::openSession);
        WireReader r = raw.expect(MessageNumbers.CHANNEL_OPEN).reader();
        assertEquals("session", r.readUtf8("channel type"));
        int ours = r.readUint32("sender channel");
        assertEquals(LIMITS.windowSize(), r.readUint32("initial window"));
        raw.send(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, ours, ours + 100, new U32(window), maxPacket);
        return new Opened(s.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), ours, ours + 100);
    }

    /** Our client's connection ended with a protocol error, and its dispatcher is gone. */
    static void endedWithProtocolError(SshClient c) throws SshException {
        SshException why = c.connection().awaitEnd(WAIT);
        assertInstanceOf(SshProtocolException.class, why, () -> "ended with " + why);
        assertEquals(DisconnectReason.PROTOCOL_ERROR, why.reasonCode(), why::toString);
        assertFalse(c.connection().isOpen());
    }

    @Test
    void dataOneByteBeyondTheWindowIsAProtocolError() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 0, 4096);
            CompletableFuture<Void> writer = async(() -> {
                o.session().getOutputStream().write(new byte[10]);
                return null;
            });
            // exactly the window, in packets no bigger than our maximum, is allowed (nobody reads it)
            for (int i = 0; i < 4; i++) {
                raw.send(MessageNumbers.CHANNEL_DATA, o.ours(), new byte[4096]);
            }
            assertTrue(raw.probe().isEmpty());
            raw.send(MessageNumbers.CHANNEL_DATA, o.ours(), new byte[1]);
            raw.assertProtocolError();
            endedWithProtocolError(c);
            assertEquals(DisconnectReason.PROTOCOL_ERROR, failureOf(writer).reasonCode());
            // the reader gets what arrived within the window, then the failure, never a clean end of stream
            InputStream in = o.session().getInputStream();
            assertEquals(16 * 1024, in.readNBytes(16 * 1024).length);
            assertThrows(SshException.class, in::read);
            o.session().waitFor(WAIT);
        }
    }

    @Test
    void oneOversizedPacketFailsABlockedReader() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 0, 4096);
            CompletableFuture<Integer> reader = async(() -> o.session().getInputStream().read());
            CompletableFuture<Integer> stderr = async(() -> o.session().getErrorStream().read());
            raw.send(MessageNumbers.CHANNEL_EXTENDED_DATA, o.ours(), 1, new byte[LIMITS.windowSize() + 1]);
            raw.assertProtocolError();
            assertEquals(DisconnectReason.PROTOCOL_ERROR, failureOf(reader).reasonCode());
            assertEquals(DisconnectReason.PROTOCOL_ERROR, failureOf(stderr).reasonCode());
            endedWithProtocolError(c);
        }
    }

    @Test
    void windowAdjustPastTwoToTheThirtyTwoIsAProtocolError() throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 0xFFFF_FFF0L, 4096);
            raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, o.ours(), 0x0F);  // exactly 2^32-1: allowed
            assertTrue(raw.probe().isEmpty());
            raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, o.ours(), 1);
            raw.assertProtocolError();
            endedWithProtocolError(c);
        }
    }

    /** One message of each kind that names a channel, addressed to channel {@code id}. */
    static Object[] channelMessage(int number, int id) {
        return switch (number) {
            case MessageNumbers.CHANNEL_DATA -> new Object[] {id, new byte[] {1, 2, 3}};
            case MessageNumbers.CHANNEL_EXTENDED_DATA -> new Object[] {id, 1, new byte[] {1}};
            case MessageNumbers.CHANNEL_REQUEST -> new Object[] {id, "exit-status", false, 0};
            case MessageNumbers.CHANNEL_WINDOW_ADJUST -> new Object[] {id, 1024};
            default -> new Object[] {id};
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {MessageNumbers.CHANNEL_DATA, MessageNumbers.CHANNEL_EXTENDED_DATA, MessageNumbers.CHANNEL_EOF,
        MessageNumbers.CHANNEL_CLOSE, MessageNumbers.CHANNEL_REQUEST, MessageNumbers.CHANNEL_WINDOW_ADJUST,
        MessageNumbers.CHANNEL_SUCCESS, MessageNumbers.CHANNEL_FAILURE})
    void messageForAChannelNeverOpened(int number) throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 1 << 20, 4096);
            raw.send(number, channelMessage(number, o.ours() + 1));
            raw.assertProtocolError();
            endedWithProtocolError(c);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {MessageNumbers.CHANNEL_DATA, MessageNumbers.CHANNEL_EXTENDED_DATA, MessageNumbers.CHANNEL_EOF,
        MessageNumbers.CHANNEL_CLOSE, MessageNumbers.CHANNEL_REQUEST, MessageNumbers.CHANNEL_WINDOW_ADJUST,
        MessageNumbers.CHANNEL_SUCCESS, MessageNumbers.CHANNEL_FAILURE})
    void messageForAChannelClosedByBothSides(int number) throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 1 << 20, 4096);
            o.session().close();
            assertEquals(o.raw(), raw.expect(MessageNumbers.CHANNEL_CLOSE).reader().readUint32("recipient"));
            raw.send(MessageNumbers.CHANNEL_CLOSE, o.ours());
            assertTrue(raw.probe().isEmpty(), "our client answers no CLOSE it already sent");
            assertTrue(c.connection().channels().isEmpty());
            raw.send(number, channelMessage(number, o.ours()));
            raw.assertProtocolError();
            endedWithProtocolError(c);
        }
    }

    /** Replies to things our client never asked for. */
    @ParameterizedTest
    @ValueSource(strings = {"open-confirmation", "open-failure", "request-success", "request-failure",
        "channel-success", "channel-failure", "second-confirmation"})
    void replyToSomethingNeverSent(String what) throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 1 << 20, 4096);
            switch (what) {
                case "open-confirmation" -> raw.send(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, o.ours() + 1, 7,
                        1 << 20, 4096);
                case "open-failure" -> raw.send(MessageNumbers.CHANNEL_OPEN_FAILURE, o.ours() + 1,
                        ChannelOpenFailure.CONNECT_FAILED, "no", "");
                case "request-success" -> raw.send(MessageNumbers.REQUEST_SUCCESS);
                case "request-failure" -> raw.send(MessageNumbers.REQUEST_FAILURE);
                case "channel-success" -> raw.send(MessageNumbers.CHANNEL_SUCCESS, o.ours());
                case "channel-failure" -> raw.send(MessageNumbers.CHANNEL_FAILURE, o.ours());
                default -> raw.send(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, o.ours(), 9, 1 << 20, 4096);
            }
            raw.assertProtocolError();
            endedWithProtocolError(c);
        }
    }

    /** A CONFIRMATION repeated at once, before our opener has woken up, is still a second answer to one open. */
    @Test
    void confirmationSentTwiceInARow() throws Exception {
        for (int round = 0; round < 5; round++) {
            try (Listener l = new Listener()) {
                SshClient c = l.client(LIMITS);
                RawConnectionPeer raw = l.peer();
                CompletableFuture<Session> s = async(c::openSession);
                WireReader r = raw.expect(MessageNumbers.CHANNEL_OPEN).reader();
                r.readUtf8("channel type");
                int ours = r.readUint32("sender channel");
                byte[] confirm = RawConnectionPeer.message(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, ours, 5,
                        1 << 20, 4096);
                byte[] again = RawConnectionPeer.message(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, ours, 6,
                        1 << 20, 4096);
                raw.sendRaw(confirm);
                raw.sendRaw(again);
                raw.assertProtocolError();
                s.handle((x, e) -> null).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                endedWithProtocolError(c);
            }
        }
    }

    /** The peer may send data the moment it confirms; that data is not "for a channel not open". */
    @Test
    void dataRightBehindTheConfirmationIsAccepted() throws Exception {
        for (int round = 0; round < 5; round++) {
            try (Listener l = new Listener()) {
                SshClient c = l.client(LIMITS);
                RawConnectionPeer raw = l.peer();
                CompletableFuture<Session> s = async(c::openSession);
                WireReader r = raw.expect(MessageNumbers.CHANNEL_OPEN).reader();
                r.readUtf8("channel type");
                int ours = r.readUint32("sender channel");
                raw.send(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, ours, 5, 1 << 20, 4096);
                raw.send(MessageNumbers.CHANNEL_DATA, ours, "hello".getBytes(StandardCharsets.US_ASCII));
                assertTrue(raw.probe().isEmpty());
                Session session = s.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertEquals("hello", new String(session.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            }
        }
    }

    /** Messages cut short on an open session: strings longer than what is left, fields missing. */
    @ParameterizedTest
    @ValueSource(strings = {"data-string-past-end", "exit-signal-short", "request-no-want-reply", "extended-no-type",
        "global-no-want-reply"})
    void truncatedMessageIsAProtocolErrorAndNothingButSshException(String what) throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            Opened o = open(c, raw, 1 << 20, 4096);
            CompletableFuture<byte[]> reader = async(() -> o.session().getInputStream().readAllBytes());
            switch (what) {
                case "data-string-past-end" -> raw.send(MessageNumbers.CHANNEL_DATA, o.ours(), 1000,
                        new RawConnectionPeer.Raw(new byte[10]));
                case "exit-signal-short" -> raw.send(MessageNumbers.CHANNEL_REQUEST, o.ours(), "exit-signal", false,
                        "TERM");
                case "request-no-want-reply" -> raw.send(MessageNumbers.CHANNEL_REQUEST, o.ours(), "exit-status");
                case "extended-no-type" -> raw.send(MessageNumbers.CHANNEL_EXTENDED_DATA, o.ours(),
                        new RawConnectionPeer.Raw(new byte[3]));
                default -> raw.send(MessageNumbers.GLOBAL_REQUEST, "keepalive@openssh.com");
            }
            raw.assertProtocolError();
            assertEquals(DisconnectReason.PROTOCOL_ERROR, failureOf(reader).reasonCode());
            o.session().waitFor(WAIT);
            endedWithProtocolError(c);
        }
    }

    /** A malformed answer to our CHANNEL_OPEN fails the waiting opener at once, not after its 30 s timeout. */
    @ParameterizedTest
    @ValueSource(strings = {"confirmation-no-window", "confirmation-no-max-packet", "failure-no-description"})
    void truncatedAnswerToOurOpenFailsTheOpenerAtOnce(String what) throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            CompletableFuture<Session> opening = async(c::openSession);
            WireReader r = raw.expect(MessageNumbers.CHANNEL_OPEN).reader();
            r.readUtf8("channel type");
            int ours = r.readUint32("sender channel");
            switch (what) {
                case "confirmation-no-window" -> raw.send(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, ours, 5);
                case "confirmation-no-max-packet" -> raw.send(MessageNumbers.CHANNEL_OPEN_CONFIRMATION, ours, 5,
                        1 << 20);
                default -> raw.send(MessageNumbers.CHANNEL_OPEN_FAILURE, ours, ChannelOpenFailure.CONNECT_FAILED);
            }
            raw.assertProtocolError();
            assertEquals(DisconnectReason.PROTOCOL_ERROR, failureOf(opening).reasonCode());
            endedWithProtocolError(c);
        }
    }

    @Test
    void serverOpensAChannelAndIsRefusedWithoutDisconnect() throws Exception {
        try (Listener l = new Listener()) {
            l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            raw.send(MessageNumbers.CHANNEL_OPEN, "session", 3, 1 << 20, 4096);
            WireReader r = raw.expect(MessageNumbers.CHANNEL_OPEN_FAILURE).reader();
            assertEquals(3, r.readUint32("recipient"));
            assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED, r.readUint32("reason"));
            raw.send(MessageNumbers.GLOBAL_REQUEST, "keepalive@openssh.com", true);
            raw.expect(MessageNumbers.REQUEST_FAILURE);
        }
    }

    /** RFC 4253 section 11.4: an unrecognized message gets SSH_MSG_UNIMPLEMENTED; it does not end the connection. */
    @ParameterizedTest
    @ValueSource(ints = {101, 150, 250})
    void unknownMessageNumberIsNotFatal(int number) throws Exception {
        try (Listener l = new Listener()) {
            SshClient c = l.client(LIMITS);
            RawConnectionPeer raw = l.peer();
            raw.send(number, 1, 2, 3);
            raw.probe();
            assertTrue(c.connection().isOpen());
        }
    }
}
