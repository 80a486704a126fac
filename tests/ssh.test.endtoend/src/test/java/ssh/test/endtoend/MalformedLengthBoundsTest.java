package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.SshMacException;
import ssh.api.SshProtocolException;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * Packet lengths 0, 4, 0x7FFFFFFF, 0xFFFFFFFF and 256 KiB + 1, before and after NEWKEYS, against
 * both roles: secsh must fail within a second, allocate under 1 MiB on the way (a length taken at
 * its word would allocate up to 4 GiB, or wait for bytes that never come), and leave no thread.
 * {@link TransportFramingHostileTest#packetLengthOutOfBounds} checks the DISCONNECT reason of the
 * plaintext cases; this class adds time, memory and the encrypted cases, where a {@link MatrixPeer}
 * runs a real curve25519 key exchange, derives the keys (RFC 4253 7.2) and encrypts the length
 * itself (aes128-ctr with hmac-sha2-256: the length is encrypted, and a bad one must look like a
 * MAC failure; with hmac-sha2-256-etm: the length is in the clear and a bad one is a protocol
 * error). Under encrypt-and-MAC secsh reads on after a bad length (see
 * {@link #badLengthEndsLikeABadMac}); the evil peer half-closes after its block, so that the end
 * of stream ends it at once.
 *
 * <p>Fails without the protection: in PacketReader.validLength, drop {@code && packetLength <= maxPacket};
 * the 0x7FFFFFFF, 0xFFFFFFFF and 256 KiB + 1 cases then time out waiting for the packet (or run out
 * of heap) instead of failing within a second.
 */
@Timeout(20)
class MalformedLengthBoundsTest extends HostileTransportTestBase {
    /**
     * The five, each of which also breaks the block alignment, plus lengths over the cap that
     * are aligned for one mode or another (plaintext and encrypt-and-MAC: 4 + length a multiple of
     * the block; encrypt-then-MAC: the length itself), so that the cap itself is what refuses them.
     */
    private static final long[] LENGTHS = {0, 4, 0x7FFFFFFFL, 0xFFFFFFFFL, 256 * 1024 + 1,
        0x7FFFFFFCL, 0x7FFFFFF0L, 256 * 1024 + 12, 256 * 1024 + 16};
    private static final long MAX_ALLOCATION = 1 << 20;
    private static final long MAX_MILLIS = 1000;

    static Stream<Arguments> plain() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            for (long length : LENGTHS) {
                b.add(Arguments.of(role, length));
            }
        }
        return b.build();
    }

    static Stream<Arguments> encrypted() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            for (String mac : List.of("hmac-sha2-256", "hmac-sha2-256-etm@openssh.com")) {
                for (long length : LENGTHS) {
                    b.add(Arguments.of(role, mac, length));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "secsh as {0}, plaintext packet_length {1}")
    @MethodSource("plain")
    void beforeNewKeys(Role ours, long length) throws Exception {
        EvilPeer e = evil(config(ours));
        e.startHandshake();
        byte[] bad = new WireWriter(8).writeUint32(length).writeBytes(new byte[] {4, 2, 0, 0}).toByteArray();
        SshException f = bounded(() -> {
            e.sendRaw(bad);
            return e.failure();
        });
        assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, f);
        assertTrue(f.getMessage().contains("packet length"), () -> "refused for another reason: " + f);
        e.assertDisconnect(DisconnectReason.PROTOCOL_ERROR);
    }

    @ParameterizedTest(name = "secsh as {0}, {1}, encrypted packet_length {2}")
    @MethodSource("encrypted")
    void afterNewKeys(Role ours, String mac, long length) throws Exception {
        MatrixPeer m = keyed(ours, EvilKex.CIPHER, mac);
        Transport t = m.transport();
        boolean etm = mac.endsWith("-etm@openssh.com");
        bounded(() -> {
            m.sendFirstBlock(length);
            if (!etm) {
                m.closeOutput();
            }
            assertTrue(eventually(() -> t.failure() != null), "secsh never failed");
            return t.failure();
        });
        if (etm) {
            assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, t.failure());
            assertTrue(t.failure().getMessage().contains("packet length"), () -> "refused for another reason: " + t.failure());
            assertEquals(DisconnectReason.PROTOCOL_ERROR, disconnect(m).reasonCode());
        } else {
            // Encrypt-and-MAC: the length is unauthenticated, so a bad one must be told apart from nothing else.
            assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, t.failure());
            assertEquals(DisconnectReason.MAC_ERROR, disconnect(m).reasonCode());
        }
        assertEnds(t);
    }

    /** Runs {@code attack}; fails unless it ends within a second with under 1 MiB allocated meanwhile. */
    private static SshException bounded(ThrowingSupplier attack) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = mx.getTotalThreadAllocatedBytes();
        long start = System.nanoTime();
        SshException f = attack.get();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = mx.getTotalThreadAllocatedBytes() - allocatedBefore;
        assertNotNull(f, "no failure");
        assertTrue(millis < MAX_MILLIS, () -> "took " + millis + " ms to refuse the length: " + f);
        // All threads count (the JVM attributes a virtual thread's allocations to its carrier): an upper bound.
        assertTrue(allocated < MAX_ALLOCATION, () -> "allocated " + allocated + " bytes refusing the length");
        return f;
    }

    @FunctionalInterface
    interface ThrowingSupplier {
        SshException get() throws Exception;
    }

    /** secsh in role {@code ours} against a {@link MatrixPeer} that offers only {@code cipher} and {@code mac}, keys in. */
    private MatrixPeer keyed(Role ours, String cipher, String mac) throws Exception {
        TransportConfig config = (ours == Role.CLIENT ? EvilPeer.client() : EvilPeer.server())
                .ciphers(cipher).macs(mac).build();
        MatrixPeer m = track(MatrixPeer.against(config, cipher, mac));
        m.versions();
        m.sendKexInit(true);
        m.finishKex(true);
        return m;
    }

    /** secsh's DISCONNECT: the last thing it sends before it closes (within {@link EvilPeer#WAIT}). */
    private static EvilPeer.Disconnect disconnect(MatrixPeer m) throws Exception {
        List<MatrixPeer.Packet> sent = m.readToEnd();
        assertTrue(!sent.isEmpty(), "secsh closed without a DISCONNECT");
        MatrixPeer.Packet last = sent.get(sent.size() - 1);
        assertEquals(MessageNumbers.name(MessageNumbers.DISCONNECT), MessageNumbers.name(last.number()), "secsh's last packet");
        WireReader r = last.reader();
        return new EvilPeer.Disconnect(r.readUint32("reason code"), r.readUtf8("description"));
    }

    /**
     * The control: the same encrypted framing with a sound length reaches secsh intact (the keys are
     * right). A whole IGNORE goes first, then only the first block of a packet, so secsh waits for
     * the rest: no failure within a second. Wrong keys would fail the IGNORE (under encrypt-then-MAC
     * at once; under encrypt-and-MAC as "packet 0" after the half-close below).
     */
    @ParameterizedTest(name = "control: {0}")
    @MethodSource("controls")
    void soundLengthIsAccepted(String mac) throws Exception {
        MatrixPeer m = keyed(Role.SERVER, EvilKex.CIPHER, mac);
        Transport t = m.transport();
        boolean etm = mac.endsWith("-etm@openssh.com");
        m.send(message(MessageNumbers.IGNORE, "the keys are right"));
        m.sendFirstBlock(etm ? 32 : 28);
        Thread.sleep(MAX_MILLIS);
        assertEquals(null, t.failure(), "secsh refused a sound length: the test's keys are wrong");
        assertTrue(t.isOpen());
        // Cut off mid-packet: under encrypt-and-MAC that is a MAC error too (nothing verified the length).
        m.closeOutput();
        assertTrue(eventually(() -> t.failure() != null), "secsh never noticed the end of stream");
        if (etm) {
            assertFailure(SshException.class, DisconnectReason.CONNECTION_LOST, t.failure());
        } else {
            assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, t.failure());
            assertEquals("MAC error on packet 1", t.failure().getMessage(), "the IGNORE (packet 0) did not pass");
        }
    }

    static Stream<String> controls() {
        return Stream.of("hmac-sha2-256", "hmac-sha2-256-etm@openssh.com");
    }

    // ---- The 2009 CBC plaintext-recovery attack (Albrecht, Paterson, Watson) ----

    static Stream<Arguments> encryptAndMac() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Role role : Role.values()) {
            b.add(Arguments.of(role, "aes128-cbc", "hmac-sha1"));
            b.add(Arguments.of(role, "aes128-ctr", "hmac-sha2-256"));
        }
        return b.build();
    }

    /**
     * Under encrypt-and-MAC the first block is decrypted and its length used before anything is
     * authenticated: an attacker who splices a captured CBC block in as the start of a packet and
     * counts the bytes secsh takes before it gives up would learn whether those 4 decrypted bytes
     * are a valid length, and which. So a bad length and a bad MAC must end the same way, after the
     * same number of bytes, whatever the length decrypted to: secsh is still open after half of
     * them and one byte short of them, then fails with the same exception, message and DISCONNECT.
     *
     * <p>Fails without the protection: in PacketReader.read, encrypt-and-MAC branch, throw
     * {@code macError()} instead of {@code discardAndFail()} (both places): secsh then fails at once
     * after the bad length or the bad MAC, not after the fixed count.
     */
    @ParameterizedTest(name = "secsh as {0}, {1} with {2}")
    @MethodSource("encryptAndMac")
    void badLengthEndsLikeABadMac(Role ours, String cipher, String mac) throws Exception {
        Outcome badLength = probe(ours, cipher, mac, true);
        Outcome badMac = probe(ours, cipher, mac, false);
        assertEquals(badMac, badLength, "a bad length can be told from a MAC failure");
    }

    /** What the peer sees of a failure: secsh's exception and its DISCONNECT. */
    record Outcome(String type, int reason, String message, int disconnectReason, String disconnectDescription) {
    }

    private Outcome probe(Role ours, String cipher, String mac, boolean badLength) throws Exception {
        MatrixPeer m = keyed(ours, cipher, mac);
        Transport t = m.transport();
        // The longest packet secsh accepts (default maxPacketSize, as in both roles' configs here):
        // the count it reads to, whatever the first block said.
        int total = 4 + EvilPeer.client().build().maxPacketSize() + m.macLength();
        m.send(message(MessageNumbers.IGNORE, "a sound packet first: the keys are right"));
        int sent;
        if (badLength) {
            sent = m.sendFirstBlock(0xFFFFFFF0L);
        } else {
            sent = m.sendWithBadMac(message(MessageNumbers.IGNORE, "a sound length, a bad MAC"));
        }
        m.sendRaw(new byte[total / 2 - sent]);
        stillOpen(t, "after " + total / 2 + " bytes");
        m.sendRaw(new byte[total - total / 2 - 1]);
        stillOpen(t, "one byte short of " + total);
        m.sendRaw(new byte[1]);
        assertTrue(eventually(() -> t.failure() != null), "secsh still reads after " + total + " bytes");
        SshException f = assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, t.failure());
        assertEquals("MAC error on packet 1", f.getMessage(), "the IGNORE (packet 0) did not pass");
        EvilPeer.Disconnect d = disconnect(m);
        assertEquals(DisconnectReason.MAC_ERROR, d.reasonCode(), d::description);
        assertEnds(t);
        return new Outcome(f.getClass().getName(), f.reasonCode(), f.getMessage(), d.reasonCode(), d.description());
    }

    private static void stillOpen(Transport t, String when) throws InterruptedException {
        Thread.sleep(200);
        assertNull(t.failure(), () -> "secsh gave up " + when + ": " + t.failure());
        assertTrue(t.isOpen(), "secsh closed " + when);
    }
}
