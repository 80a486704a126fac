package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.connection.PerSourcePenalties;
import ssh.connection.SshClient;
import ssh.connection.SshServer;
import ssh.transport.Transport;

/**
 * What an unauthenticated client can make a real {@link SshServer} spend: idle and banner-only
 * connections, an IGNORE flood during key exchange, a one-byte-a-second handshake, more bytes than
 * any login needs, and repeated failures from one source. Attackers connect from 127.0.0.1; the
 * legitimate client from 127.0.0.2 where a test needs the two told apart.
 */
@Timeout(60)
class ResourceExhaustionTest extends HostileTransportTestBase {
    private static final InetAddress ATTACKER = InetAddress.getLoopbackAddress();
    private static final Duration GRACE = Duration.ofSeconds(2);

    private SshServer server(SshServer.Builder b, Duration grace) throws Exception {
        return server(b, grace, ServerAuthConfig.DEFAULT_MAX_AUTH_TRIES);
    }

    private SshServer server(SshServer.Builder b, Duration grace, int maxAuthTries) throws Exception {
        return track(b.hostKey(Peers.defaultHostKeys().get(0)).port(0).exec(s -> 0).shell(null)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo")))
                        .loginGraceTime(grace).maxAuthTries(maxAuthTries).failureDelay(Duration.ZERO).build())
                .start());
    }

    /** A raw TCP connection from {@code from} to the server. */
    private Socket raw(SshServer s, String from) throws IOException {
        Socket socket = track(new Socket());
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(ATTACKER, s.port()), 2000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** An honest login from {@code from}; returns how long it took. */
    private long login(SshServer s, String from, String password) throws Exception {
        long start = System.nanoTime();
        Socket socket = raw(s, from);
        Transport t = Transport.client(socket, EvilPeer.client().build(), "127.0.0.1", s.port(), Duration.ofSeconds(10));
        try (SshClient c = SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true).over(t,
                ClientAuthConfig.builder("robey").password(PasswordPrompt.of(password.toCharArray())).build())) {
            assertEquals(0, c.exec("true", Duration.ofSeconds(10)).exitStatus());
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Reads until the server closes; true if it did within {@code within}. */
    private static boolean closedWithin(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (in.read(sink) >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /**
     * 200 connections that send nothing or only an identification line: one source holds no more
     * than PerSourceMaxStartups of the MaxStartups slots, a legitimate client logs in within 2 s,
     * and every idle connection is closed at LoginGraceTime (the version exchange counts).
     * Fails without the defence: drop {@code .perSourceMaxStartups(10)} (the flood takes all 100
     * slots and the login is refused), or the PreAuthGuard watchdog (idle connections live on).
     */
    @Test
    void bannerOnlyFloodLeavesRoomForAnHonestLogin() throws Exception {
        SshServer s = server(SshServer.builder().perSourceMaxStartups(10), GRACE);
        List<Socket> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Socket socket = raw(s, "127.0.0.1");
            if (i % 2 == 1) {
                socket.getOutputStream().write("SSH-2.0-idle\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            flood.add(socket);
        }
        long millis = login(s, "127.0.0.2", "foo");
        assertTrue(millis < 2000, "the honest login took " + millis + " ms");
        long start = System.nanoTime();
        for (Socket socket : flood) {
            assertTrue(closedWithin(socket, GRACE.plusSeconds(3)), "an idle connection outlived LoginGraceTime");
        }
        long closedAfter = (System.nanoTime() - start) / 1_000_000;
        assertTrue(closedAfter < GRACE.toMillis() + 3000, "closing took " + closedAfter + " ms");
    }

    /** A handshake sent one byte a second is closed at LoginGraceTime (2 s here), not at the 30 s kex timeout. */
    @Test
    void oneByteASecondIsClosedAtLoginGraceTime() throws Exception {
        SshServer s = server(SshServer.builder(), GRACE);
        Socket socket = raw(s, "127.0.0.1");
        OutputStream out = socket.getOutputStream();
        long start = System.nanoTime();
        Thread slow = Thread.ofVirtual().start(() -> {
            try {
                for (byte b : "SSH-2.0-slowloris-with-a-long-name\r\n".getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(1000);
                }
            } catch (IOException | InterruptedException closed) {
                // the server closed the connection, or the test ended
            }
        });
        try {
            assertTrue(closedWithin(socket, Duration.ofSeconds(8)), "the slow handshake is still open");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= GRACE.toMillis() - 100 && millis < GRACE.toMillis() + 1500, "closed after " + millis + " ms");
        } finally {
            slow.interrupt();
            slow.join(2000);
        }
    }

    /** IGNORE is legal during a non-strict key exchange: 100,000 of them cost no memory that lasts, and the kex completes. */
    @Test
    void ignoreFloodDuringNonStrictKex() throws Exception {
        MemoryMXBean heap = ManagementFactory.getMemoryMXBean();
        EvilPeer e = evil(EvilPeer.server().build());
        e.startHandshake();
        e.send(EvilKex.simpleKexInit()); // no kex-strict-c marker: the non-strict path
        System.gc();
        long before = heap.getHeapMemoryUsage().getUsed();
        byte[] ignore = message(MessageNumbers.IGNORE, "");
        for (int i = 0; i < 100_000; i++) {
            e.send(ignore);
        }
        System.gc();
        long grown = heap.getHeapMemoryUsage().getUsed() - before;
        EvilKex.Client c = new EvilKex.Client();
        e.send(c.ecdhInit());
        e.expect(MessageNumbers.KEX_ECDH_REPLY);
        e.expect(MessageNumbers.NEWKEYS);
        e.send(new byte[] {(byte) MessageNumbers.NEWKEYS});
        Transport t = e.transport();
        assertTrue(t.isOpen());
        assertTrue(grown < 4 << 20, "heap grew by " + grown + " bytes over 100,000 IGNOREs");
    }

    /**
     * The server's pre-auth byte limit: a client flooding IGNOREs (legal, non-strict kex) is cut off
     * with DISCONNECT after {@link SshServer#DEFAULT_MAX_PRE_AUTH_BYTES}. Fails without PreAuthGuard's count.
     */
    @Test
    void preAuthByteLimit() throws Exception {
        SshServer s = server(SshServer.builder(), Duration.ofSeconds(30));
        Socket socket = raw(s, "127.0.0.1");
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        out.write((EvilPeer.VERSION + "\r\n").getBytes(StandardCharsets.US_ASCII));
        WireWriter packet = new WireWriter(64);
        byte[] ignore = message(MessageNumbers.IGNORE, "x".repeat(1000));
        int padding = 8 - (5 + ignore.length) % 8 + 8;
        packet.writeUint32(1 + ignore.length + padding).writeByte(padding).writeBytes(ignore).writeBytes(new byte[padding]);
        byte[] framed = packet.toByteArray();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                out.write(frame(EvilKex.simpleKexInit()));
                for (int i = 0; i < 8 * 1024; i++) { // 8 MiB: far past the limit
                    out.write(framed);
                }
            } catch (IOException closed) {
                // what we want
            }
        });
        // The server's version line, its KEXINIT, then its DISCONNECT.
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n';) {
            assertTrue(b >= 0, "closed during the version line");
            line.append((char) b);
        }
        Integer reason = null;
        try {
            while (true) {
                byte[] p = new byte[in.readInt()];
                in.readFully(p);
                if (p[1] == MessageNumbers.DISCONNECT) {
                    reason = new WireReader(p, 2, p.length - 2).readUint32("reason");
                }
            }
        } catch (IOException end) {
            // closed
        }
        writer.join(5000);
        assertNotNull(reason, "no DISCONNECT");
        assertEquals(DisconnectReason.name(DisconnectReason.PROTOCOL_ERROR), DisconnectReason.name(reason));
    }

    private static byte[] frame(byte[] payload) {
        int padding = 8 - (5 + payload.length) % 8;
        if (padding < 4) {
            padding += 8;
        }
        return new WireWriter(payload.length + 32).writeUint32(1 + payload.length + padding).writeByte(padding)
                .writeBytes(payload).writeBytes(new byte[padding]).toByteArray();
    }

    /**
     * PerSourcePenalties: a source that keeps failing logins is refused new connections for a while,
     * another source is not, and the refusal lifts when the penalty runs out. Penalties are scaled
     * down from sshd's (authfail 5s, min 15s) to keep the test short. Fails with PerSourcePenalties.OFF.
     */
    @Test
    void repeatedFailuresEarnThePenaltyBox() throws Exception {
        PerSourcePenalties quick = PerSourcePenalties.DEFAULT
                .withPenalties(Duration.ofMillis(700), Duration.ofMillis(100), Duration.ofSeconds(1))
                .withBounds(Duration.ofSeconds(2), Duration.ofSeconds(3));
        // MaxAuthTries 1: each wrong password ends the connection as an authfail.
        SshServer s = server(SshServer.builder().perSourcePenalties(quick), Duration.ofSeconds(30), 1);
        int refusedAt = -1;
        for (int i = 0; i < 6 && refusedAt < 0; i++) {
            try {
                login(s, "127.0.0.1", "wrong");
            } catch (ssh.api.SshException e) {
                if (e.reasonCode() == DisconnectReason.CONNECTION_LOST) {
                    refusedAt = i; // closed before the version exchange: refused
                }
            }
        }
        assertTrue(refusedAt >= 3, "refused after " + refusedAt + " failed logins: 3 x 700 ms reach min 2 s first");
        assertTrue(closedWithin(raw(s, "127.0.0.1"), Duration.ofMillis(500)), "the penalised source still gets in");
        assertTrue(login(s, "127.0.0.2", "foo") < 2000, "another source is refused too");
        Thread.sleep(3200);
        assertTrue(login(s, "127.0.0.1", "foo") < 2000);
    }

    @Test
    void defaultsAreOpenSsh() {
        assertEquals(Duration.ofSeconds(5), PerSourcePenalties.DEFAULT.authfail());
        assertEquals(Duration.ofSeconds(1), PerSourcePenalties.DEFAULT.noauth());
        assertEquals(Duration.ofSeconds(20), PerSourcePenalties.DEFAULT.graceExceeded());
        assertEquals(Duration.ofSeconds(90), PerSourcePenalties.DEFAULT.crash());
        assertEquals(Duration.ofMinutes(10), PerSourcePenalties.DEFAULT.max());
        assertEquals(Duration.ofSeconds(15), PerSourcePenalties.DEFAULT.min());
        assertEquals(Duration.ofSeconds(120), ServerAuthConfig.DEFAULT_LOGIN_GRACE_TIME);
        assertEquals(6, ServerAuthConfig.DEFAULT_MAX_AUTH_TRIES);
    }
}
