package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.endtoend.RawConnectionPeer.WAIT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.connection.ExecResult;
import ssh.connection.SshClient;
import ssh.connection.SshServer;
import ssh.test.endtoend.RawConnectionPeer.RawChannel;
import ssh.transport.Payload;

/**
 * Random sequences of connection-protocol messages with random fields (well-formed or cut short,
 * for open channels, closed ones and numbers never used) against our server: the server answers
 * only with connection-protocol replies and either survives or sends DISCONNECT PROTOCOL_ERROR; its
 * handlers all end, and an honest client on another connection is served throughout.
 */
class ConnectionHostileProperties {
    /** The sender number of the probe open; random messages use smaller numbers. */
    private static final int PROBE = 0x7777;
    private static final String[] NAMES = {"session", "exec", "shell", "subsystem", "pty-req", "env", "signal",
        "window-change", "exit-status", "x11-req", "direct-tcpip", "tcpip-forward", "keepalive@openssh.com", "",
        "echo", "\u00e9\u00e9"};
    /** Messages a client may well send on an open session. */
    private static final int[] BENIGN = {MessageNumbers.GLOBAL_REQUEST, MessageNumbers.CHANNEL_OPEN,
        MessageNumbers.CHANNEL_WINDOW_ADJUST, MessageNumbers.CHANNEL_DATA, MessageNumbers.CHANNEL_EXTENDED_DATA,
        MessageNumbers.CHANNEL_EOF, MessageNumbers.CHANNEL_CLOSE, MessageNumbers.CHANNEL_REQUEST};
    private static final long[] EDGES = {0, 1, 1024, 32768, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};
    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static SshServer server;
    private static SshClient honest;

    @BeforeContainer
    static void start() throws Exception {
        server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(RawConnectionPeer.PASSWORDS)
                .limits(ConnectionHostileClientTest.LIMITS).exec(s -> {
                    RUNNING.incrementAndGet();
                    try {
                        s.stdin().transferTo(s.stdout());
                        return 0;
                    } finally {
                        RUNNING.decrementAndGet();
                    }
                }).shell(null).subsystem("echo", s -> 0).start();
        honest = SshClient.builder("127.0.0.1", server.port()).hostKeyVerifier((h, p, k) -> true)
                .connect(RawConnectionPeer.credentials());
    }

    @AfterContainer
    static void stop() {
        if (honest != null) {
            honest.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    void randomConnectionMessagesEndCleanly(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        try (RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            RawChannel open = raw.openSession(r.nextBoolean() ? 1 << 20 : r.nextInt(4096), 32 * 1024);
            RawChannel closed = raw.openSession(1 << 20, 32 * 1024);
            raw.send(MessageNumbers.CHANNEL_CLOSE, closed.theirs());
            raw.expect(MessageNumbers.CHANNEL_CLOSE);
            if (r.nextBoolean()) {
                raw.send(MessageNumbers.CHANNEL_REQUEST, open.theirs(), "exec", r.nextBoolean(), "echo");
            }
            int[] ids = {open.theirs(), closed.theirs(), open.theirs() + 2, r.nextInt(), -1, 0};
            int count = 1 + r.nextInt(6);
            try {
                for (int i = 0; i < count; i++) {
                    raw.sendRaw(randomMessage(r, ids));
                }
                raw.send(MessageNumbers.CHANNEL_OPEN, "probe@secsh.test", PROBE, 0, 1024);
            } catch (SshException disconnected) {
                // the server has already hung up; outcome() reads how
            }
            Statistics.collect(outcome(raw));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (RUNNING.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, RUNNING.get(), "session handlers still running after their connection closed");
        ExecResult health = honest.exec("ping", WAIT);
        assertEquals(0, health.exitStatus());
    }

    /** Reads until the probe's answer or a DISCONNECT; everything before must be a connection-protocol reply. */
    private static String outcome(RawConnectionPeer raw) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Payload p;
            try {
                p = raw.transport.receive(Duration.ofMillis(100));
            } catch (SshTimeoutException quiet) {
                continue;
            } catch (SshException e) {
                SshDisconnectException d = assertInstanceOf(SshDisconnectException.class, e, e::toString);
                assertEquals(DisconnectReason.name(DisconnectReason.PROTOCOL_ERROR),
                        DisconnectReason.name(d.reasonCode()), d::toString);
                return "disconnected";
            }
            if (RawConnectionPeer.isHostKeysAnnouncement(p)) {
                continue;
            }
            int n = p.messageNumber();
            assertTrue(n == MessageNumbers.REQUEST_FAILURE || n >= MessageNumbers.CHANNEL_OPEN_CONFIRMATION
                    && n <= MessageNumbers.CHANNEL_FAILURE, () -> "the server sent " + p);
            if (n == MessageNumbers.CHANNEL_OPEN_FAILURE && p.reader().readUint32("recipient") == PROBE) {
                return "survived";
            }
        }
        throw new AssertionError("neither the probe's answer nor a DISCONNECT within " + WAIT);
    }

    private static byte[] randomMessage(Random r, int[] ids) {
        int number = switch (r.nextInt(16)) {
            case 0 -> 50 + r.nextInt(206);
            case 1, 2, 3, 4 -> MessageNumbers.GLOBAL_REQUEST + r.nextInt(21);
            default -> BENIGN[r.nextInt(BENIGN.length)];
        };
        if (number == MessageNumbers.PING || number == MessageNumbers.PONG) {
            number = MessageNumbers.CHANNEL_DATA;
        }
        int id = r.nextBoolean() ? ids[0] : ids[r.nextInt(ids.length)];
        WireWriter w = new WireWriter(256).writeByte(number);
        switch (number) {
            case MessageNumbers.GLOBAL_REQUEST -> w.writeUtf8(name(r)).writeBoolean(r.nextBoolean());
            case MessageNumbers.CHANNEL_OPEN -> w.writeUtf8(name(r)).writeUint32(r.nextInt(PROBE))
                    .writeUint32(uint32(r)).writeUint32(uint32(r));
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION -> w.writeUint32(id).writeUint32(r.nextInt(PROBE))
                    .writeUint32(uint32(r)).writeUint32(uint32(r));
            case MessageNumbers.CHANNEL_OPEN_FAILURE -> w.writeUint32(id).writeUint32(r.nextInt(6)).writeUtf8(name(r))
                    .writeUtf8("");
            case MessageNumbers.CHANNEL_WINDOW_ADJUST -> w.writeUint32(id).writeUint32(r.nextBoolean() ? uint32(r)
                    : r.nextInt(1 << 20));
            case MessageNumbers.CHANNEL_DATA -> w.writeUint32(id).writeString(new byte[r.nextInt(3) * r.nextInt(9000)]);
            case MessageNumbers.CHANNEL_EXTENDED_DATA -> w.writeUint32(id).writeUint32(r.nextInt(3))
                    .writeString(new byte[r.nextInt(100)]);
            case MessageNumbers.CHANNEL_REQUEST -> {
                String type = name(r);
                w.writeUint32(id).writeUtf8(type).writeBoolean(r.nextBoolean());
                if (r.nextInt(4) > 0) {
                    requestFields(r, type, w);
                }
            }
            case MessageNumbers.CHANNEL_EOF, MessageNumbers.CHANNEL_CLOSE, MessageNumbers.CHANNEL_SUCCESS,
                    MessageNumbers.CHANNEL_FAILURE -> w.writeUint32(id);
            default -> { }
        }
        for (int extra = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 0; extra > 0; extra--) {
            switch (r.nextInt(4)) {
                case 0 -> w.writeUtf8(name(r));
                case 1 -> w.writeUint32(uint32(r));
                case 2 -> w.writeBoolean(r.nextBoolean());
                default -> w.writeString(new byte[r.nextInt(64)]);
            }
        }
        byte[] m = w.toByteArray();
        // one message in eight is cut short, never to nothing
        return r.nextInt(8) == 0 ? Arrays.copyOf(m, 1 + r.nextInt(m.length)) : m;
    }

    /** The fields a request of {@code type} has (RFC 4254 section 6), with random values. */
    private static void requestFields(Random r, String type, WireWriter w) {
        switch (type) {
            case "exec", "subsystem", "signal" -> w.writeUtf8(name(r));
            case "env" -> w.writeUtf8(r.nextBoolean() ? "LANG" : name(r)).writeUtf8(name(r));
            case "pty-req" -> w.writeUtf8("xterm").writeUint32(uint32(r)).writeUint32(uint32(r)).writeUint32(0)
                    .writeUint32(0).writeString(new byte[r.nextInt(20)]);
            case "window-change" -> w.writeUint32(uint32(r)).writeUint32(uint32(r)).writeUint32(0).writeUint32(0);
            case "exit-status" -> w.writeUint32(uint32(r));
            default -> { }
        }
    }

    private static String name(Random r) {
        if (r.nextInt(8) == 0) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (0x20 + r.nextInt(0x5f));
            }
            return new String(b, StandardCharsets.US_ASCII);
        }
        return NAMES[r.nextInt(NAMES.length)];
    }

    private static long uint32(Random r) {
        return r.nextBoolean() ? EDGES[r.nextInt(EDGES.length)] : r.nextLong(1L << 32);
    }
}
