package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshException;
import ssh.api.SshMacException;
import ssh.api.algorithms.CipherNames;
import ssh.api.algorithms.MacNames;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The Terrapin prefix truncation (CVE-2023-48795) performed for real by {@link TerrapinProxy}
 * between a secsh client and a secsh server over loopback: with strict kex (the default) it must
 * end the connection; with strict kex off on both sides (the control) it must succeed, the client
 * silently losing the server's EXT_INFO, which proves the proxy really performs the attack.
 */
class TerrapinTest extends HostileTransportTestBase {
    private static final Duration HANDSHAKE = Duration.ofSeconds(10);
    private static final Duration SHORT = Duration.ofSeconds(5);
    private static final String SERVER_SIG_ALGS = "server-sig-algs";

    /** The payload size of secsh's EXT_INFO, learnt from an honest connection, as the attacker would. */
    private static int extInfoPayloadLength;

    /** The two modes the paper attacks: ChaCha20-Poly1305 and CBC with encrypt-then-MAC. */
    enum Suite {
        CHACHA(CipherNames.CHACHA20_POLY1305, null),
        CBC_ETM(CipherNames.AES128_CBC, MacNames.HMAC_SHA2_256_ETM);

        final String cipher;
        final String mac;

        Suite(String cipher, String mac) {
            this.cipher = cipher;
            this.mac = mac;
        }

        TransportConfig.Builder apply(TransportConfig.Builder b) {
            b.ciphers(cipher);
            return mac == null ? b : b.macs(mac);
        }

        /** The size of the server's first encrypted packet, given its first four bytes. */
        IntUnaryOperator dropLength() {
            int chacha = TerrapinProxy.chachaPacketSize(extInfoPayloadLength);
            // Under EtM the length is in the clear; the HMAC-SHA2-256 tag follows the packet.
            return mac == null ? first4 -> chacha : first4 -> 4 + first4 + 32;
        }
    }

    /** What one attacked connection came to. */
    record Attack(TerrapinProxy proxy, Transport client, SshException clientFailure, Transport server,
            SshException serverFailure) {
    }

    @BeforeAll
    static void learnExtInfoSize() throws Exception {
        try (Peers p = Peers.connect(true, c -> c, s -> s)) {
            byte[] data = data("after EXT_INFO");
            p.server.send(data, 0, data.length);
            p.client.receive(Peers.TIMEOUT);
            Map<String, String> ext = p.client.peerExtensions();
            assertTrue(ext.containsKey(SERVER_SIG_ALGS), "an honest connection delivers EXT_INFO: " + ext);
            int n = 1 + 4;
            for (Map.Entry<String, String> e : ext.entrySet()) {
                n += 4 + e.getKey().getBytes(StandardCharsets.UTF_8).length + 4
                        + e.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
            extInfoPayloadLength = n;
        }
    }

    /** Connects a secsh client to a secsh server through a {@link TerrapinProxy}. */
    private Attack attack(Suite suite, boolean strict, boolean downstream, boolean inject, IntUnaryOperator drop)
            throws Exception {
        TransportConfig cc = suite.apply(TransportConfig.client().hostKeyVerifier((h, p, k) -> true))
                .strictKex(strict).build();
        TransportConfig sc = suite.apply(TransportConfig.server().hostKeys(Peers.defaultHostKeys()))
                .strictKex(strict).build();
        ServerSocket listener = track(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        CompletableFuture<Transport> s = CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.server(listener.accept(), sc, HANDSHAKE);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, Thread::startVirtualThread);
        TerrapinProxy proxy = track(new TerrapinProxy(listener.getLocalPort(), downstream, inject, drop));
        Transport client = null;
        SshException clientFailure = null;
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
            client = track(Transport.client(socket, cc, "localhost", proxy.port(), HANDSHAKE));
        } catch (SshException e) {
            clientFailure = e;
        }
        Transport server = null;
        SshException serverFailure = null;
        try {
            server = track(s.get(HANDSHAKE.toSeconds() + 5, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof RuntimeException r && r.getCause() != null ? r.getCause() : e.getCause();
            serverFailure = cause instanceof SshException x ? x : new SshException("server: " + cause, cause);
        }
        return new Attack(proxy, client, clientFailure, server, serverFailure);
    }

    static Stream<Arguments> suitesThreeTimes() {
        return Stream.of(Suite.values()).flatMap(s -> IntStream.rangeClosed(1, 3).mapToObj(i -> Arguments.of(s, i)));
    }

    // ---- 1. Strict kex on both sides (the default): the attack ends the connection ----

    @ParameterizedTest(name = "{0}, run {1}")
    @MethodSource("suitesThreeTimes")
    void strictKexStopsTheTruncation(Suite suite, int run) throws Exception {
        Attack a = attack(suite, true, true, true, suite.dropLength());
        assertTrue(a.proxy().injected(), "the proxy injected its IGNORE after the server's KEXINIT");
        SshException f = a.clientFailure();
        if (a.client() != null) {
            // Had the IGNORE been tolerated, the restart of the sequence numbers at NEWKEYS must
            // still catch the deletion at the server's next packet.
            assertNotNull(a.server(), () -> "the server failed: " + a.serverFailure());
            byte[] down = data("after the truncation");
            a.server().send(down, 0, down.length);
            assertThrows(SshException.class, () -> a.client().receive(SHORT), "the truncated connection went on");
            assertEnds(a.client());
            f = a.client().failure();
            if (suite == Suite.CBC_ETM) {
                // Anything but a MAC error (a garbled first block refused) means the MAC verified.
                assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, f);
            }
        }
        assertNotNull(f);
        SshException failure = f;
        Set<String> expected = Set.of(DisconnectReason.name(DisconnectReason.PROTOCOL_ERROR),
                DisconnectReason.name(DisconnectReason.MAC_ERROR));
        assertTrue(expected.contains(DisconnectReason.name(f.reasonCode())), () -> "the client's failure: " + failure);
        // The client told the server, which must not come up or must end.
        if (a.server() != null) {
            assertEnds(a.server());
        } else {
            assertNotNull(a.serverFailure());
        }
    }

    // ---- 2. The control: strict kex off on both sides, the same proxy truncates undetected ----

    @Test
    void withoutStrictKexTheTruncationSucceeds() throws Exception {
        Attack a = attack(Suite.CHACHA, false, true, true, Suite.CHACHA.dropLength());
        assertNull(a.clientFailure(), () -> "the handshake failed: " + a.clientFailure());
        Transport client = a.client();
        Transport server = a.server();
        assertNotNull(server, () -> "the server failed: " + a.serverFailure());
        assertTrue(a.proxy().injected());
        assertEquals(TerrapinProxy.chachaPacketSize(extInfoPayloadLength), a.proxy().droppedBytes());
        assertFalse(client.negotiated().strictKex());
        assertTrue(server.negotiated().clientWantsExtInfo(), "the server sent EXT_INFO");

        // Application messages flow both ways, every tag verifying: nothing noticed the deletion.
        for (int i = 0; i < 3; i++) {
            byte[] down = data("down " + i);
            server.send(down, 0, down.length);
            assertArrayEquals(down, client.receive(SHORT).data());
            byte[] up = data("up " + i);
            client.send(up, 0, up.length);
            assertArrayEquals(up, server.receive(SHORT).data());
        }
        assertTrue(client.isOpen());
        assertFalse(client.peerExtensions().containsKey(SERVER_SIG_ALGS),
                () -> "EXT_INFO reached the client: " + client.peerExtensions());
        assertTrue(client.peerExtensions().isEmpty(), () -> "extensions: " + client.peerExtensions());
        // The downgrade shows: the client no longer knows the server answers pings.
        assertThrows(SshException.class, () -> client.ping(SHORT));
    }

    /**
     * The control in the CBC-EtM mode. The deleted packet breaks the CBC chain, so the first block
     * of the next packet decrypts to garbage (as in the paper); but its MAC, over the ciphertext
     * and the sequence number, verifies: the sequence numbers were realigned.
     */
    @Test
    void withoutStrictKexCbcEtmMacsVerifyAfterTheTruncation() throws Exception {
        Attack a = attack(Suite.CBC_ETM, false, true, true, Suite.CBC_ETM.dropLength());
        assertNull(a.clientFailure(), () -> "the handshake failed: " + a.clientFailure());
        assertNotNull(a.server(), () -> "the server failed: " + a.serverFailure());
        assertTrue(a.proxy().injected());
        assertTrue(a.proxy().droppedBytes() > 0);
        byte[] first = data("x".repeat(40));
        byte[] second = data("intact after the garbled block");
        a.server().send(first, 0, first.length);
        try {
            a.server().send(second, 0, second.length);
        } catch (SshException e) {
            // the client may already have refused the garbled block and disconnected
        }
        boolean gotSecond = false;
        try {
            for (int i = 0; i < 3 && !gotSecond; i++) {
                gotSecond = java.util.Arrays.equals(second, a.client().receive(SHORT).data());
            }
        } catch (SshException e) {
            // the garbled block may be refused (bad padding, unexpected message): not for its MAC
            assertFalse(e instanceof SshMacException, () -> "a MAC error: the sequence numbers were not realigned: " + e);
        }
        SshException f = a.client().failure();
        assertTrue(gotSecond || f != null, "neither the second message nor a failure");
        assertFalse(f instanceof SshMacException, () -> "a MAC error: " + f);
        assertTrue(a.client().peerExtensions().isEmpty(), () -> "extensions: " + a.client().peerExtensions());
    }

    /** Without the injected IGNORE, deleting EXT_INFO desynchronises the sequence numbers: caught. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Suite.class)
    void deletionAloneIsCaught(Suite suite) throws Exception {
        Attack a = attack(suite, false, true, false, suite.dropLength());
        assertNull(a.clientFailure(), () -> "the handshake failed: " + a.clientFailure());
        assertNotNull(a.server(), () -> "the server failed: " + a.serverFailure());
        assertFalse(a.proxy().injected());
        byte[] down = data("after the deletion");
        a.server().send(down, 0, down.length);
        assertThrows(SshException.class, () -> a.client().receive(SHORT));
        assertEnds(a.client());
        if (suite == Suite.CBC_ETM) {
            assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, a.client().failure());
        }
    }

    // ---- 3. The other direction: an IGNORE injected into the client's first kex, secsh as server ----

    @ParameterizedTest(name = "strict {0}")
    @ValueSource(booleans = {true, false})
    void ignoreInjectedTowardsTheServerDuringTheFirstKex(boolean strict) throws Exception {
        Attack a = attack(Suite.CHACHA, strict, false, true, null);
        assertTrue(a.proxy().injected());
        if (strict) {
            assertNull(a.server(), "the server went on despite the injected IGNORE");
            assertFailure(SshException.class, DisconnectReason.PROTOCOL_ERROR, a.serverFailure());
            if (a.client() != null) {
                assertEnds(a.client());
            }
            return;
        }
        // Tolerated during the exchange, but the server's receive sequence number is now one ahead:
        // the client's first encrypted packet fails its check.
        assertNotNull(a.server(), () -> "the server failed: " + a.serverFailure());
        assertNotNull(a.client(), () -> "the client failed: " + a.clientFailure());
        byte[] up = data("one ahead");
        a.client().send(up, 0, up.length);
        assertThrows(SshException.class, () -> a.server().receive(SHORT));
        assertEnds(a.server());
    }

    // ---- 3. Sequence numbers restart at every NEWKEYS under strict kex, across rekeys ----

    @ParameterizedTest(name = "strict {0}")
    @ValueSource(booleans = {true, false})
    void sequenceNumbersRestartAtEveryNewKeys(boolean strict) throws Exception {
        try (Peers p = Peers.connect(false, c -> c.strictKex(strict), s -> s.strictKex(strict))) {
            assertEquals(strict, p.client.negotiated().strictKex());
            int lastDown = -1;
            int lastUp = -1;
            for (int round = 1; round <= 4; round++) {
                int c0 = p.client.keyExchangeCount();
                int s0 = p.server.keyExchangeCount();
                (round % 2 == 0 ? p.server : p.client).rekey();
                assertTrue(eventually(() -> p.client.keyExchangeCount() > c0 && p.server.keyExchangeCount() > s0),
                        "rekey " + round + " did not complete");
                byte[] down = data("down " + round);
                p.server.send(down, 0, down.length);
                Payload d = p.client.receive(SHORT);
                assertArrayEquals(down, d.data());
                byte[] up = data("up " + round);
                p.client.send(up, 0, up.length);
                Payload u = p.server.receive(SHORT);
                assertArrayEquals(up, u.data());
                if (strict) {
                    assertEquals(0, d.sequenceNumber(), "client's receive sequence after rekey " + round);
                    assertEquals(0, u.sequenceNumber(), "server's receive sequence after rekey " + round);
                } else {
                    assertTrue(d.sequenceNumber() > lastDown + 3, "server to client keeps counting: " + d.sequenceNumber());
                    assertTrue(u.sequenceNumber() > lastUp + 3, "client to server keeps counting: " + u.sequenceNumber());
                }
                lastDown = d.sequenceNumber();
                lastUp = u.sequenceNumber();
            }
            assertEquals(strict, p.client.negotiated().strictKex(), "the mode survives rekeys");
        }
    }

    private static byte[] data(String text) {
        return message(MessageNumbers.CHANNEL_DATA, text);
    }
}
