package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.HostKeyVerifier;
import ssh.api.Role;
import ssh.api.SshDisconnectException;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.SshMacException;
import ssh.api.SshNegotiationException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * A hostile peer against the transport: garbage and endless banners, bad packet lengths and
 * padding, corrupted MACs and tags, messages out of place during key exchange, KEXINITs with
 * nothing in common, malformed kex replies, bad host-key signatures, strict-kex violations and
 * wrong first-kex guesses. Each must end the connection with the specific {@link SshException}
 * subtype and reason code for the caller, a DISCONNECT with that code to the peer while the
 * connection can still carry one, and no thread left behind.
  * This class: banners, packet framing and integrity (cases 1-4).
 */
@Timeout(10)
class TransportFramingHostileTest extends HostileTransportTestBase {
    // ---- 1. Garbage or endless banner ----

    @Test
    void serverSendsLinesThatAreNotSshThenCloses() throws Exception {
        EvilPeer e = evil(EvilPeer.client().build());
        e.sendLine("Welcome to the evil server");
        e.sendLine("HTTP/1.1 400 Bad Request");
        e.sendLine("ssh-2.0-lowercase-does-not-count");
        e.closeOutput();
        e.readVersion();
        SshException f = e.failure();
        assertFailure(SshException.class, DisconnectReason.CONNECTION_LOST, f);
    }

    @ParameterizedTest(name = "secsh as {0}")
    @EnumSource(Role.class)
    void protocolVersionOneFive(Role ours) throws Exception {
        EvilPeer e = evil(config(ours));
        e.sendLine("SSH-1.5-x");
        e.readVersion();
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED, e.failure());
        e.assertDisconnect(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED);
    }

    @ParameterizedTest(name = "secsh as {0}")
    @EnumSource(Role.class)
    void identificationLineOf300Bytes(Role ours) throws Exception {
        EvilPeer e = evil(config(ours));
        String line = "SSH-2.0-" + "x".repeat(290);
        assertEquals(300, (line + "\r\n").length());
        e.sendLine(line);
        e.readVersion();
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, e.failure());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void endlessBanner() throws Exception {
        int window = 8 * 1024;
        EvilPeer e = track(EvilPeer.against(EvilPeer.client().build(), window));
        byte[] line = "this server has a great deal to say before it says SSH, honestly\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime();
        Thread writer = Thread.ofVirtual().name("evil-banner").start(() -> {
            try {
                while (written.get() < 1 << 20) {
                    e.sendRaw(line);
                    written.addAndGet(line.length);
                }
            } catch (IOException closedBySecsh) {
                // secsh gave up and closed: what we want
            }
        });
        e.readVersion();
        SshException f = e.failure();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, f);
        assertTrue(millis < 3000, "took " + millis + " ms to give up");
        writer.join(SETTLE);
        assertFalse(writer.isAlive(), "secsh still reads the endless banner");
        assertTrue(written.get() >= 64 * 1024 - window, "gave up after only " + written.get() + " bytes: " + f);
        assertTrue(written.get() <= 64 * 1024 + window + line.length,
                "secsh read on past its 64 KiB preamble bound: the peer wrote " + written.get() + " bytes");
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    @Test
    void clientSendsALineThatIsNotSsh() throws Exception {
        EvilPeer e = evil(EvilPeer.server().build());
        e.sendLine("GET / HTTP/1.1");
        e.readVersion();
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, e.failure());
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    // ---- 2. Packet length over the cap (or under the minimum) ----

    static Stream<Arguments> badLengths() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            for (long length : new long[] {256 * 1024 + 1, 256 * 1024 + 4, 0x7FFFFFFFL, 0xFFFFFFFFL, 0, 4}) {
                b.add(Arguments.of(role, length));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "secsh as {0}, packet_length {1}")
    @MethodSource("badLengths")
    void packetLengthOutOfBounds(Role ours, long length) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        // The length and the rest of a first 8-byte block: nothing more needs reading to refuse it.
        e.sendRaw(new WireWriter(8).writeUint32(length).writeBytes(new byte[] {4, 2, 0, 0}).toByteArray());
        SshException f = e.failure();
        assertEquals(SshProtocolException.class, f.getClass(), () -> "wrong exception type: " + f);
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, f);
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    /** The control: a packet right at the cap passes, and the handshake goes on. */
    @Test
    void packetAtTheCapIsAccepted() throws Exception {
        EvilPeer e = evil(EvilPeer.client().build());
        e.startHandshake();
        int packetLength = 256 * 1024 - 4;
        byte[] ignore = new WireWriter(packetLength).writeByte(MessageNumbers.IGNORE)
                .writeString(new byte[packetLength - 1 - 4 - 5]).toByteArray();
        e.sendFramed(packetLength, 4, ignore);
        e.send(EvilKex.simpleKexInit());
        e.expect(MessageNumbers.KEX_ECDH_INIT);
    }

    // ---- 3. Bad padding ----

    static Stream<Arguments> badPadding() {
        byte[] ignore3 = message(MessageNumbers.IGNORE, "abc"); // 8 bytes
        byte[] ignore0 = message(MessageNumbers.IGNORE, ""); // 5 bytes
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            b.add(Arguments.of(role, "padding_length 3", 1 + 8 + 3, 3, ignore3));
            b.add(Arguments.of(role, "4 + packet_length not a multiple of 8", 1 + 5 + 5, 5, ignore0));
            b.add(Arguments.of(role, "padding longer than the packet", 12, 200, ignore0));
            b.add(Arguments.of(role, "no payload at all", 12, 11, new byte[0]));
        }
        return b.build();
    }

    @ParameterizedTest(name = "secsh as {0}: {1}")
    @MethodSource("badPadding")
    void badPadding(Role ours, String what, int packetLength, int padding, byte[] payload) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        e.sendFramed(packetLength, padding, payload);
        SshException f = e.failure();
        assertEquals(SshProtocolException.class, f.getClass(), () -> "wrong exception type: " + f);
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, f);
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    // ---- 4. Bad MAC or tag once keys are in place ----

    static Stream<Arguments> integrity() {
        return Stream.of(Arguments.of("chacha20-poly1305@openssh.com", null), Arguments.of("aes128-gcm@openssh.com", null),
                Arguments.of("aes128-ctr", "hmac-sha2-256-etm@openssh.com"), Arguments.of("aes128-ctr", "hmac-sha2-256"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("integrity")
    void corruptedPacketAfterKeyExchange(String cipher, String mac) throws Exception {
        TransportConfig cc = EvilPeer.client().ciphers(cipher).macs(mac).build();
        TransportConfig sc = EvilPeer.server().ciphers(cipher).macs(mac).build();
        ServerSocket listener = track(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        CompletableFuture<Transport> serverSide = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                serverSide.complete(Transport.server(listener.accept(), sc, EvilPeer.HANDSHAKE_TIMEOUT));
            } catch (Throwable t) {
                serverSide.completeExceptionally(t);
            }
        });
        FlipProxy proxy = track(new FlipProxy(listener.getLocalPort()));
        Transport client = track(Transport.client(new Socket(InetAddress.getLoopbackAddress(), proxy.port()), cc,
                "localhost", proxy.port(), EvilPeer.HANDSHAKE_TIMEOUT));
        Transport server = track(serverSide.get(5, TimeUnit.SECONDS));
        assertEquals(cipher, client.negotiated().cipherServerToClient());
        assertEquals(mac, client.negotiated().macServerToClient());
        // The server's EXT_INFO follows its NEWKEYS: once it is in, server-to-client traffic is idle.
        assertTrue(eventually(() -> client.peerExtensions().containsKey("server-sig-algs")), "no EXT_INFO");

        proxy.flipDownstream(10); // past the length field, inside what the MAC or tag covers
        byte[] known = message(MessageNumbers.CHANNEL_DATA, "a payload the client must never see corrupted");
        server.send(known, 0, known.length);
        if (mac != null && !mac.endsWith("-etm@openssh.com")) {
            // Encrypt-and-MAC: after a bad MAC the client reads on to the longest packet it accepts
            // (as after a bad length: MalformedLengthBoundsTest#badLengthEndsLikeABadMac) before it fails.
            byte[] filler = message(MessageNumbers.IGNORE, "x".repeat(32 * 1024));
            try {
                for (int i = 0; i < 9; i++) {
                    server.send(filler, 0, filler.length);
                }
            } catch (SshException clientGaveUp) {
                // the client's DISCONNECT arrived first
            }
        }

        SshMacException thrown = assertThrows(SshMacException.class, () -> {
            Payload p = client.receive(Duration.ofSeconds(3));
            fail("receive() returned a payload off a corrupted packet: " + Arrays.toString(p.data()));
        });
        assertTrue(proxy.flipped(), "the proxy never corrupted anything");
        assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, thrown);
        assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, client.failure());
        assertEnds(client);
        // The client-to-server direction is intact: the server reads the client's (encrypted) DISCONNECT.
        assertTrue(eventually(() -> server.failure() != null), "the server never heard of the failure");
        assertFailure(SshDisconnectException.class, DisconnectReason.MAC_ERROR, server.failure());
        assertEnds(server);
    }
}
