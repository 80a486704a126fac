package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import ssh.api.SshException;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.connection.ChannelLimits;
import ssh.connection.SshServer;
import ssh.test.endtoend.RawConnectionPeer.U32;
import ssh.transport.Payload;

/**
 * Random WINDOW_ADJUST and CHANNEL_DATA sequences against our server's send window, which must stay
 * within 0 <= window <= 2^32-1. The raw client grants a random initial window (0 to 2^32-1) and a
 * random maximum packet, then sends data that an echo handler returns (so our server writes into the
 * granted window) and adjusts of random sizes, among them exactly up to 2^32-1 and one past it.
 * After each step the raw side waits until the echo has come back as far as the window allows, so
 * the model is exact: our server never sends more than was granted (window >= 0), never a packet
 * over the granted maximum, and refuses with PROTOCOL_ERROR exactly the adjusts that would take the
 * window past 2^32-1 while accepting all others (window <= 2^32-1). Fails without the protection:
 * drop the 2^32-1 check in {@code Channel.onWindowAdjust} (the overflow cases are accepted), or let
 * the writer take {@code len} instead of {@code min(len, remoteWindow)} (data beyond the window).
 */
class HostileWindowProperties {
    private static final long MAX = 0xFFFF_FFFFL;
    /** The server's own fixed receive window: what the raw side may send before an adjust. */
    private static final ChannelLimits LIMITS = new ChannelLimits(64 * 1024, 64 * 1024, 32 * 1024, 8);
    private static SshServer server;

    @BeforeContainer
    static void start() throws Exception {
        server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(RawConnectionPeer.PASSWORDS)
                .limits(LIMITS).exec(s -> {
                    s.stdin().transferTo(s.stdout());
                    return 0;
                }).shell(null).start();
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The raw side's view of one echo channel. */
    private static final class Model {
        int ours;
        int theirs;
        long granted;
        long received;
        long echoed;
        long serverWindow;
        int maxPacket;
    }

    @Property(tries = 60, shrinking = ShrinkingMode.OFF)
    void randomAdjustAndDataKeepTheWindowInRange(@ForAll long seed) throws Exception {
        Random r = new Random(seed);
        try (RawConnectionPeer raw = RawConnectionPeer.connect(server.port())) {
            Model m = new Model();
            m.granted = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1 + r.nextInt(100_000);
                case 2 -> MAX - r.nextInt(100_000);
                default -> r.nextLong() & MAX;
            };
            m.maxPacket = r.nextBoolean() ? 1 + r.nextInt(64) : 1 + r.nextInt(64 * 1024);
            m.ours = 5;
            raw.send(MessageNumbers.CHANNEL_OPEN, "session", m.ours, new U32(m.granted), m.maxPacket);
            WireReader c = raw.expect(MessageNumbers.CHANNEL_OPEN_CONFIRMATION).reader();
            assertEquals(m.ours, c.readUint32("recipient"));
            m.theirs = c.readUint32("sender");
            m.serverWindow = c.readUint32AsLong("initial window");
            raw.send(MessageNumbers.CHANNEL_REQUEST, m.theirs, "exec", true, "echo");
            Payload answer;
            do {
                answer = raw.next();
                handle(m, answer);
            } while (answer.messageNumber() != MessageNumbers.CHANNEL_SUCCESS);
            int steps = 1 + r.nextInt(12);
            for (int i = 0; i < steps; i++) {
                if (r.nextInt(3) == 0) {
                    long remaining = m.granted - m.received;
                    long add = switch (r.nextInt(5)) {
                        case 0 -> r.nextInt(1 << 16);
                        case 1 -> MAX - remaining;
                        case 2 -> Math.min(MAX, MAX - remaining + 1);
                        case 3 -> r.nextLong() & MAX;
                        default -> 0;
                    };
                    raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, m.theirs, new U32(add));
                    if (remaining + add > MAX) {
                        raw.assertProtocolError();
                        Statistics.collect("adjust past 2^32-1 refused");
                        return;
                    }
                    m.granted += add;
                } else if (m.serverWindow > 0) {
                    int n = (int) Math.min(m.serverWindow, 1 + r.nextInt(LIMITS.maxPacket()));
                    raw.send(MessageNumbers.CHANNEL_DATA, m.theirs, new byte[n]);
                    m.serverWindow -= n;
                    m.echoed += n;
                }
                settle(raw, m);
            }
            assertEquals(Math.min(m.echoed, m.granted), m.received);
            Statistics.collect(m.received < m.echoed ? "echo held back by the window" : "echo complete");
        }
    }

    /** Reads until the echo came back as far as the window allows, then checks nothing more comes. */
    private static void settle(RawConnectionPeer raw, Model m) throws SshException {
        while (m.received < Math.min(m.echoed, m.granted)) {
            handle(m, raw.next());
        }
        for (Payload p : raw.probe()) {
            handle(m, p);
        }
    }

    private static void handle(Model m, Payload p) throws SshException {
        WireReader r = p.reader();
        switch (p.messageNumber()) {
            case MessageNumbers.CHANNEL_DATA -> {
                assertEquals(m.ours, r.readUint32("recipient"));
                int n = r.readString("data").length;
                assertTrue(n <= m.maxPacket, () -> n + " bytes in a packet, over the granted maximum " + m.maxPacket);
                m.received += n;
                assertTrue(m.received <= m.granted, () -> "sent " + m.received + " into a window of " + m.granted
                        + " (the send window went negative)");
                assertTrue(m.received <= m.echoed, "more data than was echoed");
            }
            case MessageNumbers.CHANNEL_WINDOW_ADJUST -> {
                assertEquals(m.ours, r.readUint32("recipient"));
                m.serverWindow += r.readUint32AsLong("bytes to add");
                assertTrue(m.serverWindow <= MAX, "the server's own window past 2^32-1");
            }
            case MessageNumbers.CHANNEL_SUCCESS -> assertEquals(m.ours, r.readUint32("recipient"));
            default -> throw new AssertionError("unexpected " + p);
        }
    }
}
