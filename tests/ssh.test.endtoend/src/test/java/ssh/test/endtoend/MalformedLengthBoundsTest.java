package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.SshMacException;
import ssh.api.SshProtocolException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
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
 * plaintext cases; this class adds time, memory and the encrypted cases, where the evil peer runs a
 * real curve25519 key exchange, derives the keys (RFC 4253 7.2) and encrypts the length itself
 * (aes128-ctr with hmac-sha2-256: the length is encrypted, and a bad one must look like a MAC
 * failure; with hmac-sha2-256-etm: the length is in the clear and a bad one is a protocol error).
 *
 * <p>Fails without the protection: in PacketReader.checkLength, drop {@code || packetLength > maxPacket};
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
        TransportConfig config = (ours == Role.CLIENT ? EvilPeer.client() : EvilPeer.server())
                .ciphers(EvilKex.CIPHER).macs("hmac-sha2-256-etm@openssh.com,hmac-sha2-256").build();
        EvilPeer e = evil(config);
        Keyed k = new Keyed(e, ours == Role.CLIENT ? Role.SERVER : Role.CLIENT, mac);
        k.handshake();
        Transport t = e.transport();
        byte[] bad = k.firstBlock(length);
        bounded(() -> {
            e.sendRaw(bad);
            assertTrue(eventually(() -> t.failure() != null), "secsh never failed");
            return t.failure();
        });
        boolean etm = mac.endsWith("-etm@openssh.com");
        if (etm) {
            assertFailure(SshProtocolException.class, DisconnectReason.PROTOCOL_ERROR, t.failure());
            assertTrue(t.failure().getMessage().contains("packet length"), () -> "refused for another reason: " + t.failure());
        } else {
            // Encrypt-and-MAC: the length is unauthenticated, so a bad one must be told apart from nothing else.
            assertFailure(SshMacException.class, DisconnectReason.MAC_ERROR, t.failure());
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

    /**
     * The evil side of a real curve25519-sha256 exchange with strict kex, plus RFC 4253 7.2 key
     * derivation and aes128-ctr encryption of the evil peer's first packet after NEWKEYS.
     */
    static final class Keyed {
        private static final ProviderChain CRYPTO;

        static {
            try {
                CRYPTO = AlgorithmRegistry.load().providerChain(null);
            } catch (SshException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final EvilPeer e;
        private final Role evilRole;
        private final String mac;
        private byte[] k;
        private byte[] h;

        Keyed(EvilPeer e, Role evilRole, String mac) {
            this.e = e;
            this.evilRole = evilRole;
            this.mac = mac;
        }

        private byte[] kexInit() {
            return EvilKex.kexInit(false, List.of(EvilKex.CURVE25519,
                    evilRole == Role.CLIENT ? EvilKex.STRICT_C : EvilKex.STRICT_S), List.of(EvilKex.ED25519),
                    List.of(EvilKex.CIPHER), List.of(mac), List.of("none"));
        }

        void handshake() throws Exception {
            e.startHandshake();
            byte[] ours = kexInit();
            e.send(ours);
            KeyAgreementPrimitive x = CRYPTO.keyAgreement(Primitive.X25519);
            byte[] q = x.generateKeyPair();
            String evilVersion = EvilPeer.VERSION;
            if (evilRole == Role.CLIENT) {
                e.send(new WireWriter(64).writeByte(MessageNumbers.KEX_ECDH_INIT).writeString(q).toByteArray());
                WireReader r = new WireReader(e.expect(MessageNumbers.KEX_ECDH_REPLY));
                r.readByte("message number");
                byte[] ks = r.readString("K_S");
                byte[] qs = r.readString("Q_S");
                try (Secret s = x.agree(qs)) {
                    k = s.bytes().clone();
                }
                h = EvilKex.exchangeHash(evilVersion, e.ourVersion, ours, e.ourKexInit, ks, q, qs, k);
                e.expect(MessageNumbers.NEWKEYS);
                e.send(new byte[] {(byte) MessageNumbers.NEWKEYS});
            } else {
                WireReader r = new WireReader(e.expect(MessageNumbers.KEX_ECDH_INIT));
                r.readByte("message number");
                byte[] qc = r.readString("Q_C");
                try (Secret s = x.agree(qc)) {
                    k = s.bytes().clone();
                }
                PrivateKeyMaterial hostKey = CRYPTO.generateKeyPair(Primitive.ED25519, 0);
                byte[] ks = SshKeyCodec.encodePublic(EvilKex.ED25519, hostKey.publicKey()).blob();
                h = EvilKex.exchangeHash(e.ourVersion, evilVersion, e.ourKexInit, ours, ks, qc, q, k);
                byte[] sig = SshKeyCodec.signatureBlob(EvilKex.ED25519, CRYPTO.signature(Primitive.ED25519).sign(hostKey, h));
                e.send(new WireWriter(512).writeByte(MessageNumbers.KEX_ECDH_REPLY).writeString(ks).writeString(q)
                        .writeString(sig).toByteArray());
                e.send(new byte[] {(byte) MessageNumbers.NEWKEYS});
                e.expect(MessageNumbers.NEWKEYS);
            }
        }

        /** RFC 4253 7.2: HASH(K || H || letter || session_id), K as an mpint; 16 bytes are all aes128-ctr needs. */
        private byte[] derive(char letter) throws SshException {
            byte[] in = new WireWriter(256).writeMpintUnsigned(k, 0, k.length).writeBytes(h).writeByte(letter)
                    .writeBytes(h).toByteArray();
            return java.util.Arrays.copyOf(CRYPTO.digest(Primitive.SHA256).digest(in), 16);
        }

        /**
         * The first 16 bytes (one AES block) of the evil peer's first packet after NEWKEYS with
         * {@code length} as its packet_length: encrypted under encrypt-and-MAC, in the clear
         * (followed by ciphertext) under encrypt-then-MAC.
         */
        byte[] firstBlock(long length) throws Exception {
            boolean client = evilRole == Role.CLIENT;
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive(client ? 'C' : 'D'), "AES"),
                    new IvParameterSpec(derive(client ? 'A' : 'B')));
            byte[] block = new WireWriter(16).writeUint32(length).writeBytes(new byte[] {4, 2, 0, 0})
                    .writeBytes("evil pad".getBytes(StandardCharsets.US_ASCII)).toByteArray();
            if (mac.endsWith("-etm@openssh.com")) {
                byte[] rest = aes.doFinal(block, 4, 12);
                System.arraycopy(rest, 0, block, 4, 12);
                return block;
            }
            return aes.doFinal(block);
        }
    }

    /** The control: the same encrypted framing with a sound length reaches secsh intact (the keys are right). */
    @ParameterizedTest(name = "control: {0}")
    @MethodSource("controls")
    void soundLengthIsAccepted(String mac) throws Exception {
        TransportConfig config = EvilPeer.server().ciphers(EvilKex.CIPHER)
                .macs("hmac-sha2-256-etm@openssh.com,hmac-sha2-256").build();
        EvilPeer e = evil(config);
        Keyed k = new Keyed(e, Role.CLIENT, mac);
        k.handshake();
        Transport t = e.transport();
        // Only the first block goes out, so secsh waits for the rest: no failure within a second. Under
        // encrypt-and-MAC, wrong keys would decrypt a random length and fail at once.
        e.sendRaw(k.firstBlock(mac.endsWith("-etm@openssh.com") ? 32 : 28));
        Thread.sleep(MAX_MILLIS);
        assertEquals(null, t.failure(), "secsh refused a sound length: the test's keys are wrong");
        assertTrue(t.isOpen());
    }

    static Stream<String> controls() {
        return Stream.of("hmac-sha2-256", "hmac-sha2-256-etm@openssh.com");
    }
}
