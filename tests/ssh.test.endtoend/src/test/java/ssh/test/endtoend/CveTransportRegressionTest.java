package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.connection.SshServer;
import ssh.test.endtoend.RawConnectionPeer.RawChannel;
import ssh.test.endtoend.RawConnectionPeer.U32;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * Named regressions for transport and channel advisories: allocation from a wire length (russh
 * CVE-2024-43410, libssh2 CVE-2019-3855), window arithmetic (russh CVE-2025-54804), weak DH and
 * X25519 values (russh CVE-2023-28113) and Terrapin (CVE-2023-48795). Each test names the change
 * to main code that removes the protection; each was made once in a scratch copy and the test
 * failed. The shared base checks that no thread outlives a test.
 */
@Timeout(30)
class CveTransportRegressionTest extends HostileTransportTestBase {
    /** The most a refused length may cost: secsh must not allocate for what it has not received. */
    private static final long MAX_ALLOCATION = 1 << 20;

    /** Bytes allocated on the heap by every thread so far (virtual threads count on their carriers). */
    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    // ---- russh CVE-2024-43410 and libssh2 CVE-2019-3855: allocation from a wire length ----

    /**
     * russh CVE-2024-43410: russh allocated a buffer of the peer's packet_length before checking it.
     * Attack: right after the identification lines, a packet_length of 2^31-12 or 256 MiB + 4 (both
     * block-aligned, so only the size cap can refuse them) and a few bytes. secsh must disconnect
     * with PROTOCOL_ERROR having allocated under 1 MiB. To see it fail: in
     * {@code PacketReader.checkLength}, drop {@code || packetLength > maxPacket}.
     */
    @ParameterizedTest(name = "secsh as {0}, packet_length {1}")
    @CsvSource({"CLIENT, 2147483636", "SERVER, 2147483636", "CLIENT, 268435460", "SERVER, 268435460"})
    void russh_CVE_2024_43410_hugePacketLengthIsRefusedBeforeAllocation(Role ours, long length) throws Exception {
        refusedCheaply(ours, new WireWriter(8).writeUint32(length).writeBytes(new byte[] {4, 20, 0, 0}).toByteArray());
    }

    /**
     * libssh2 CVE-2019-3855: a packet_length near 2^32 overflowed the length arithmetic, and string
     * lengths inside messages (CVE-2019-3856..3863) were trusted for allocation and copying. Attack:
     * packet_length 2^31-4 (4 + length is negative in signed 32-bit arithmetic) and 2^32-4 (4 +
     * length wraps to 0), and a kex message whose string claims 0x7FFFFFF0 bytes in a 48-byte
     * packet. To see it fail: in {@code PacketReader.checkLength}, keep only the block-alignment
     * test (the wrap cases: later checks still refuse the packet, as bad padding or out of bounds,
     * but no longer as a bad length), or in {@code WireReader.readString} allocate
     * {@code new byte[len]} from the raw length before {@code readLength} checks it (the string case).
     */
    @ParameterizedTest(name = "secsh as {0}, packet_length {1}")
    @CsvSource({"CLIENT, 2147483644", "SERVER, 2147483644", "CLIENT, 4294967292", "SERVER, 4294967292"})
    void libssh2_CVE_2019_3855_lengthThatWrapsIsRefused(Role ours, long length) throws Exception {
        refusedCheaply(ours, new WireWriter(8).writeUint32(length).writeBytes(new byte[] {4, 20, 0, 0}).toByteArray());
    }

    @ParameterizedTest(name = "secsh as {0}")
    @EnumSource(Role.class)
    void libssh2_CVE_2019_3855_stringLengthPastThePacketIsRefused(Role ours) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        e.send(EvilKex.simpleKexInit());
        if (ours == Role.CLIENT) {
            e.expect(MessageNumbers.KEX_ECDH_INIT);
        }
        int number = ours == Role.CLIENT ? MessageNumbers.KEX_ECDH_REPLY : MessageNumbers.KEX_ECDH_INIT;
        byte[] payload = new WireWriter(48).writeByte(number).writeUint32(0x7FFF_FFF0).writeBytes(new byte[32])
                .toByteArray();
        long before = allocated();
        e.send(payload);
        SshException f = e.failure();
        assertInstanceOf(SshProtocolException.class, f, f::toString);
        e.assertDisconnect(f.reasonCode());
        assertCheap(before);
    }

    private void refusedCheaply(Role ours, byte[] header) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        long before = allocated();
        e.sendRaw(header);
        SshException f = e.failure();
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, f);
        // refused as a length, not by a later check (padding, bounds) that a bad length happens to trip
        assertTrue(f.getMessage().contains("bad packet length"), f::toString);
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
        assertCheap(before);
    }

    private static void assertCheap(long before) {
        long used = allocated() - before;
        assertTrue(used < MAX_ALLOCATION, "refusing the length cost " + used + " bytes of heap allocation");
    }

    // ---- russh CVE-2025-54804: window arithmetic ----

    /**
     * russh CVE-2025-54804: a WINDOW_ADJUST that took the window past 2^32-1 overflowed the window
     * counter. Attack: a client opens a session granting 2^32-16 bytes, adjusts to exactly 2^32-1
     * (allowed), then adjusts by 2^32-1 more. secsh's server must disconnect with PROTOCOL_ERROR
     * and never carry on with a wrapped (or bigger-than-legal) window. To see it fail: in
     * {@code Channel.onWindowAdjust}, remove the {@code remoteWindow + bytes > 0xFFFF_FFFFL} check.
     * (The client role's copy of this check is proven by ConnectionHostileClientTest.)
     */
    @Test
    void russh_CVE_2025_54804_windowAdjustPastTwoToTheThirtyTwo() throws Exception {
        SshServer server = track(SshServer.builder().hostKey(AuthPeers.ed25519()).port(0)
                .auth(RawConnectionPeer.PASSWORDS).exec(s -> {
                    s.stdin().transferTo(java.io.OutputStream.nullOutputStream());
                    return 0;
                }).start());
        RawConnectionPeer raw = track(RawConnectionPeer.connect(server.port()));
        RawChannel c = raw.openSession(0xFFFF_FFF0L, 32 * 1024);
        assertTrue(raw.request(c, "exec", "read"));
        raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, c.theirs(), 0x0F);
        assertTrue(raw.probe().isEmpty(), "a window of exactly 2^32-1 is allowed");
        raw.send(MessageNumbers.CHANNEL_WINDOW_ADJUST, c.theirs(), new U32(0xFFFF_FFFFL));
        raw.assertProtocolError();
    }

    // ---- russh CVE-2023-28113: weak DH and X25519 values ----

    /** The 2048-bit MODP group 14 prime (RFC 3526), as the crypto-value tests spell it out. */
    private static BigInteger group14() {
        return CryptoValueHostileTest.P14;
    }

    /**
     * russh CVE-2023-28113: russh accepted DH public values such as 1, p-1 or 0, which make the
     * shared secret known to anyone. Attack: an evil server answers with such an f and a valid
     * host-key signature over the exchange hash it can compute with the K it forced (K = 1 for
     * f = 1 and f = p+1, K = 0 for f = 0 and f = p; K = 1 for f = p-1, right half the time). The
     * client must refuse before NEWKEYS, with each provider chain. To see it fail: remove
     * {@code requireDhRange(f, p, "f")} in {@code DhGroupKex} and the 2..p-2 checks in
     * {@code JcaDh.agree} ({@code DhGroups.checkPublic}) and {@code BcDh.agree}, and compute K as a
     * naive implementation would, {@code f.modPow(x, p)}: the JDK's and Bouncy Castle's own DH
     * agreements refuse these values too, a fourth layer the test cannot take away.
     */
    @ParameterizedTest(name = "provider {0}, f = {1}")
    @CsvSource({"jca, 1", "jca, 0", "jca, p-1", "jca, p", "jca, p+1", "bc, 1", "bc, 0", "bc, p-1", "bc, p+1"})
    void russh_CVE_2023_28113_weakDhPublicValue(String provider, String value) throws Exception {
        BigInteger p = group14();
        BigInteger f = switch (value) {
            case "p-1" -> p.subtract(BigInteger.ONE);
            case "p" -> p;
            case "p+1" -> p.add(BigInteger.ONE);
            default -> new BigInteger(value);
        };
        BigInteger k = f.mod(p).signum() == 0 ? BigInteger.ZERO : BigInteger.ONE;
        String dh = "diffie-hellman-group14-sha256";
        EvilPeer e = evil(EvilPeer.client().kexAlgorithms(dh).providerChain(provider).build());
        e.startHandshake();
        byte[] is = EvilKex.kexInit(false, List.of(dh), List.of(EvilKex.ED25519), List.of(EvilKex.CIPHER),
                List.of(EvilKex.MAC), List.of("none"));
        e.send(is);
        byte[] init = e.expect(MessageNumbers.KEXDH_INIT);
        BigInteger ev = new ssh.api.wire.WireReader(init, 1, init.length - 1).readMpint("e");
        EvilKex.Server s = new EvilKex.Server();
        byte[] hashed = new WireWriter(2048).writeString(e.ourVersion.getBytes(StandardCharsets.US_ASCII))
                .writeString(EvilPeer.VERSION.getBytes(StandardCharsets.US_ASCII)).writeString(e.ourKexInit)
                .writeString(is).writeString(s.hostKeyBlob).writeMpint(ev).writeMpint(f).writeMpint(k).toByteArray();
        byte[] h = ssh.api.algorithms.AlgorithmRegistry.load().providerChain(null)
                .digest(ssh.api.crypto.Primitive.SHA256).digest(hashed);
        e.send(new WireWriter(1024).writeByte(MessageNumbers.KEXDH_REPLY).writeString(s.hostKeyBlob).writeMpint(f)
                .writeString(s.sign(h)).toByteArray());
        refusedBeforeNewKeys(e);
    }

    /**
     * russh CVE-2023-28113, the X25519 half: a low-order point (all zero, or u = 1) as Q_S forces an
     * all-zero shared secret, so the evil server knows K = 0 and signs a valid exchange hash. To
     * see it fail: remove the {@code ConstantTime.isZero(shared, ...)} check in {@code BcXdh} (the
     * "bc" rows; with "jca", also in {@code JcaXdh}, where the JDK may refuse the point itself).
     */
    @ParameterizedTest(name = "provider {0}, Q_S {1}")
    @CsvSource({"jca, zero", "jca, one", "bc, zero", "bc, one"})
    void russh_CVE_2023_28113_lowOrderX25519Point(String provider, String point) throws Exception {
        EvilPeer e = evil(EvilPeer.client().kexAlgorithms(EvilKex.CURVE25519).providerChain(provider).build());
        e.startHandshake();
        byte[] is = EvilKex.simpleKexInit();
        e.send(is);
        byte[] init = e.expect(MessageNumbers.KEX_ECDH_INIT);
        byte[] qc = new ssh.api.wire.WireReader(init, 1, init.length - 1).readString("Q_C");
        byte[] qs = new byte[32];
        qs[0] = (byte) (point.equals("one") ? 1 : 0);
        EvilKex.Server s = new EvilKex.Server();
        byte[] h = EvilKex.exchangeHash(e.ourVersion, EvilPeer.VERSION, e.ourKexInit, is, s.hostKeyBlob, qc, qs,
                new byte[32]);
        e.send(new WireWriter(512).writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(s.hostKeyBlob).writeString(qs)
                .writeString(s.sign(h)).toByteArray());
        refusedBeforeNewKeys(e);
    }

    private static void refusedBeforeNewKeys(EvilPeer e) throws Exception {
        SshException f = e.failure();
        assertTrue(f.reasonCode() == DisconnectReason.KEY_EXCHANGE_FAILED
                || f.reasonCode() == DisconnectReason.PROTOCOL_ERROR, f::toString);
        e.assertDisconnect(f.reasonCode());
        assertFalse(sent(e, MessageNumbers.NEWKEYS), "secsh took the forced shared secret: it sent NEWKEYS");
    }

    // ---- Terrapin CVE-2023-48795 ----

    /**
     * Terrapin CVE-2023-48795: a man in the middle injects an IGNORE during the first key exchange
     * and deletes the server's first encrypted packet (EXT_INFO); sequence numbers line up again,
     * so nothing notices. Attack: {@link TerrapinProxy} against chacha20-poly1305 with the defaults
     * of both sides (TerrapinTest holds the full set, CBC-EtM, and the control that shows the
     * attack working with strict kex off). To see it fail: make strict kex off by default
     * ({@code TransportConfig.Builder}: {@code strictKex = false}).
     */
    @Test
    void terrapin_CVE_2023_48795_prefixTruncation() throws Exception {
        TerrapinTest.learnExtInfoSize();
        TerrapinTest.Suite suite = TerrapinTest.Suite.CHACHA;
        TransportConfig cc = suite.apply(TransportConfig.client().hostKeyVerifier((h, p, k) -> true)).build();
        TransportConfig sc = suite.apply(TransportConfig.server().hostKeys(Peers.defaultHostKeys())).build();
        ServerSocket listener = track(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        CompletableFuture<Transport> server = RawConnectionPeer.async(
                () -> Transport.server(listener.accept(), sc, EvilPeer.WAIT));
        TerrapinProxy proxy = track(new TerrapinProxy(listener.getLocalPort(), true, true, suite.dropLength()));
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        SshException refused;
        try {
            Transport client = track(Transport.client(socket, cc, "localhost", proxy.port(), EvilPeer.WAIT));
            Transport s = track(server.get(EvilPeer.WAIT.toMillis(), TimeUnit.MILLISECONDS));
            byte[] data = message(MessageNumbers.CHANNEL_DATA, "after the truncation");
            s.send(data, 0, data.length);
            refused = assertThrows(SshException.class, () -> client.receive(EvilPeer.WAIT),
                    "the truncated connection went on: the client silently lost EXT_INFO");
        } catch (SshException handshakeRefused) {
            refused = handshakeRefused;
        } catch (ExecutionException serverRefused) {
            refused = assertInstanceOf(SshException.class, serverRefused.getCause(), serverRefused::toString);
        }
        assertTrue(proxy.injected(), "the proxy injected its IGNORE");
        assertNotNull(refused);
        SshException r = refused;
        assertTrue(r.reasonCode() == DisconnectReason.PROTOCOL_ERROR || r.reasonCode() == DisconnectReason.MAC_ERROR,
                r::toString);
        server.thenAccept(Transport::close);
    }
}
