package ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshCryptoException;
import ssh.api.SshMacException;
import ssh.api.crypto.Gather;
import ssh.api.spi.AeadPacketCipher;
import ssh.api.spi.BlockPacketCipher;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PacketCipher;
import ssh.api.wire.DisconnectReason;

/** Every cipher on every provider: packets round-trip, tampering is caught, and the providers agree. */
class PacketCipherTest {
    /** Payload sizes in cipher blocks, from empty to a 32 KiB-ish packet. */
    private static final int[] UNITS = {0, 1, 2, 3, 7, 16, 33, 100, 2049};
    /** Consecutive sequence numbers starting just before the uint32 wrap. */
    private static final int FIRST_SEQ = -3;

    static List<org.junit.jupiter.params.provider.Arguments> cases() {
        return Fixtures.cipherCases();
    }

    static List<org.junit.jupiter.params.provider.Arguments> aeadCases() {
        return Fixtures.cipherCases().stream().filter(a -> ((CipherFactory) a.get()[0]).isAead()).toList();
    }

    static List<CipherFactory> ciphers() {
        return Fixtures.ciphers();
    }

    private static PacketCipher create(CipherFactory c, boolean encrypt, byte[] key, byte[] iv, CryptoProvider crypto)
            throws Exception {
        return c.create(encrypt, key.clone(), iv.clone(), crypto);
    }

    /** Seals (or encrypts) packets in order, as the transport's sending side does; returns the wire bytes. */
    private static List<byte[]> send(PacketCipher p, List<byte[]> plain, List<Integer> lens) throws ssh.api.SshException {
        List<byte[]> wire = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            byte[] b = plain.get(i).clone();
            if (p instanceof AeadPacketCipher a) {
                a.seal(FIRST_SEQ + i, b, 0, lens.get(i));
            } else {
                ((BlockPacketCipher) p).update(b, 0, lens.get(i));
            }
            wire.add(b);
        }
        return wire;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void packetsRoundTripOverConsecutiveSequenceNumbers(CipherFactory c, String chainSpec) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chainSpec);
        Fixtures.assumeRuns(crypto, c);
        Random rnd = new Random(c.name().hashCode());
        byte[] key = Fixtures.random(rnd, c.keyLength());
        byte[] iv = Fixtures.random(rnd, c.ivLength());
        List<byte[]> plain = new ArrayList<>();
        List<Integer> lens = new ArrayList<>();
        for (int units : UNITS) {
            plain.add(Fixtures.packet(rnd, c, units));
            lens.add(Fixtures.packetLength(c, units));
        }
        try (PacketCipher sender = create(c, true, key, iv, crypto);
                PacketCipher receiver = create(c, false, key, iv, crypto)) {
            List<byte[]> wire = send(sender, plain, lens);
            for (int i = 0; i < wire.size(); i++) {
                byte[] b = wire.get(i);
                int len = lens.get(i);
                int seq = FIRST_SEQ + i;
                if (len > 16) {
                    assertFalse(Arrays.equals(plain.get(i), 4, len, b, 4, len), "packet " + i + " was not encrypted");
                }
                if (receiver instanceof AeadPacketCipher a) {
                    byte[] before = b.clone();
                    assertEquals(len - 4, a.packetLength(seq, b, 0));
                    assertArrayEquals(before, b, "packetLength() must not modify the buffer");
                    a.open(seq, b, 0, len);
                } else {
                    // The transport decrypts the first block to learn the length, then the rest.
                    BlockPacketCipher bc = (BlockPacketCipher) receiver;
                    bc.update(b, 0, c.blockSize());
                    bc.update(b, c.blockSize(), len - c.blockSize());
                }
                assertArrayEquals(Arrays.copyOf(plain.get(i), len), Arrays.copyOf(b, len), "packet " + i);
            }
        }
    }

    /** Only AEAD ciphers authenticate; for the others the MAC tests cover tampering. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("aeadCases")
    void aFlippedBitAnywhereIsAMacError(CipherFactory c, String chainSpec) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chainSpec);
        Fixtures.assumeRuns(crypto, c);
        Random rnd = new Random(7);
        byte[] key = Fixtures.random(rnd, c.keyLength());
        byte[] iv = Fixtures.random(rnd, c.ivLength());
        int len = Fixtures.packetLength(c, 3);
        byte[] sealed = Fixtures.packet(rnd, c, 3);
        try (PacketCipher p = create(c, true, key, iv, crypto)) {
            ((AeadPacketCipher) p).seal(42, sealed, 0, len);
        }
        for (int bit = 0; bit < (len + c.tagLength()) * 8; bit++) {
            byte[] tampered = sealed.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            try (AeadPacketCipher opener = (AeadPacketCipher) create(c, false, key, iv, crypto)) {
                SshMacException e = assertThrows(SshMacException.class, () -> opener.open(42, tampered, 0, len),
                        "bit " + bit);
                assertEquals(DisconnectReason.MAC_ERROR, e.reasonCode());
            }
        }
        try (AeadPacketCipher opener = (AeadPacketCipher) create(c, false, key, iv, crypto)) {
            byte[] copy = sealed.clone();
            opener.open(42, copy, 0, len);
        }
    }

    /**
     * The transport seals from slices (a {@link Gather}) and opens into a second buffer: for every
     * AEAD cipher those forms send and receive exactly what the in-place forms do, packet after
     * packet, and an open into another array leaves its input as it was. The same holds through
     * the interface's defaults, which a vendor's AEAD cipher with only the required methods gets.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("aeadCases")
    void slicedSealsAndOpensIntoAnotherArrayMatchTheInPlaceForms(CipherFactory c, String chainSpec)
            throws Exception {
        CryptoProvider crypto = Fixtures.chain(chainSpec);
        Fixtures.assumeRuns(crypto, c);
        for (boolean defaults : new boolean[] {false, true}) {
            Random rnd = new Random(c.name().hashCode() + 1);
            byte[] key = Fixtures.random(rnd, c.keyLength());
            byte[] iv = Fixtures.random(rnd, c.ivLength());
            try (AeadPacketCipher inPlace = (AeadPacketCipher) create(c, true, key, iv, crypto);
                    AeadPacketCipher sliced = aead(create(c, true, key, iv, crypto), defaults);
                    AeadPacketCipher receiver = aead(create(c, false, key, iv, crypto), defaults)) {
                for (int i = 0; i < UNITS.length; i++) {
                    String what = (defaults ? "through the defaults, " : "") + "packet " + i;
                    int seq = FIRST_SEQ + i;
                    int len = Fixtures.packetLength(c, UNITS[i]);
                    byte[] plain = Fixtures.packet(rnd, c, UNITS[i]);
                    byte[] expected = plain.clone();
                    inPlace.seal(seq, expected, 0, len);

                    // The bytes after the length field in three slices of separate arrays, as the writer has them.
                    int a = 4 + rnd.nextInt(len - 3);
                    int b = a + rnd.nextInt(len - a + 1);
                    byte[] buf = new byte[len + c.tagLength()];
                    System.arraycopy(plain, 0, buf, 0, 4);
                    Gather gather = new Gather().add(plain.clone(), 4, a - 4)
                            .add(Arrays.copyOfRange(plain, a, b), 0, b - a)
                            .add(Arrays.copyOfRange(plain, b, len + 3), 0, len - b);
                    sliced.seal(seq, buf, 0, gather);
                    assertArrayEquals(expected, buf, what + " sealed from " + gather);

                    byte[] wire = buf.clone();
                    byte[] out = new byte[len - 4 + 2];
                    if (i % 2 == 0) {
                        assertEquals(len - 4, receiver.packetLength(seq, wire, 0));
                    }
                    receiver.open(seq, wire, 0, len, out, 1);
                    assertArrayEquals(Arrays.copyOfRange(plain, 4, len), Arrays.copyOfRange(out, 1, len - 3), what);
                    assertEquals(0, out[0] | out[out.length - 1], what + ": wrote outside its range");
                    if (!defaults) {
                        assertArrayEquals(buf, wire, what + ": the open changed its input");
                    }
                }
            }
        }
    }

    /** The reader's second buffer could also be its first: an open into its own array, overlapping or not. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("aeadCases")
    void anOpenIntoItsOwnArrayGivesThePlaintextWhereverItGoes(CipherFactory c, String chainSpec) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chainSpec);
        Fixtures.assumeRuns(crypto, c);
        Random rnd = new Random(11);
        byte[] key = Fixtures.random(rnd, c.keyLength());
        byte[] iv = Fixtures.random(rnd, c.ivLength());
        int len = Fixtures.packetLength(c, 40);
        byte[] plain = Fixtures.packet(rnd, c, 40);
        for (int outOff : new int[] {0, 3, 4, 5, 12, 4 + c.tagLength()}) {
            byte[] buf = plain.clone();
            try (AeadPacketCipher sender = (AeadPacketCipher) create(c, true, key, iv, crypto);
                    AeadPacketCipher receiver = (AeadPacketCipher) create(c, false, key, iv, crypto)) {
                sender.seal(7, buf, 0, len);
                byte[] sealed = buf.clone();
                receiver.open(7, buf, 0, len, buf, outOff);
                assertArrayEquals(Arrays.copyOfRange(plain, 4, len), Arrays.copyOfRange(buf, outOff, outOff + len - 4),
                        "plaintext at " + outOff);

                // And a bad tag leaves no plaintext there.
                sealed[len] ^= 1;
                byte[] tampered = sealed.clone();
                try (AeadPacketCipher again = (AeadPacketCipher) create(c, false, key, iv, crypto)) {
                    assertThrows(SshMacException.class, () -> again.open(7, tampered, 0, len, tampered, outOff));
                }
                assertFalse(Arrays.equals(plain, 4, len, tampered, outOff, outOff + len - 4),
                        "plaintext at " + outOff + " after a bad tag");
            }
        }
    }

    private static AeadPacketCipher aead(PacketCipher p, boolean requiredMethodsOnly) {
        AeadPacketCipher a = (AeadPacketCipher) p;
        return requiredMethodsOnly ? new RequiredOnly(a) : a;
    }

    /** A vendor's AEAD packet cipher that implements only what the interface requires. */
    private record RequiredOnly(AeadPacketCipher delegate) implements AeadPacketCipher {
        @Override
        public int packetLength(int sequenceNumber, byte[] buf, int off) {
            return delegate.packetLength(sequenceNumber, buf, off);
        }

        @Override
        public void seal(int sequenceNumber, byte[] buf, int off, int len) throws ssh.api.SshException {
            delegate.seal(sequenceNumber, buf, off, len);
        }

        @Override
        public void open(int sequenceNumber, byte[] buf, int off, int len) throws ssh.api.SshException {
            delegate.open(sequenceNumber, buf, off, len);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    void jcaAndBcSendTheSameBytes(CipherFactory c) throws Exception {
        CryptoProvider jca = Fixtures.chain("jca");
        CryptoProvider bc = Fixtures.chain("bc");
        Fixtures.assumeRuns(jca, c);
        Fixtures.assumeRuns(bc, c);
        Random rnd = new Random(99);
        byte[] key = Fixtures.random(rnd, c.keyLength());
        byte[] iv = Fixtures.random(rnd, c.ivLength());
        List<byte[]> plain = new ArrayList<>();
        List<Integer> lens = new ArrayList<>();
        for (int units : UNITS) {
            plain.add(Fixtures.packet(rnd, c, units));
            lens.add(Fixtures.packetLength(c, units));
        }
        List<byte[]> fromJca;
        List<byte[]> fromBc;
        try (PacketCipher a = create(c, true, key, iv, jca); PacketCipher b = create(c, true, key, iv, bc)) {
            fromJca = send(a, plain, lens);
            fromBc = send(b, plain, lens);
        }
        for (int i = 0; i < plain.size(); i++) {
            int wireLen = lens.get(i) + c.tagLength();
            assertArrayEquals(Arrays.copyOf(fromJca.get(i), wireLen), Arrays.copyOf(fromBc.get(i), wireLen),
                    "packet " + i);
        }
        // And what one sends, the other receives.
        try (PacketCipher receiver = create(c, false, key, iv, bc)) {
            for (int i = 0; i < plain.size(); i++) {
                byte[] b = fromJca.get(i);
                if (receiver instanceof AeadPacketCipher r) {
                    r.open(FIRST_SEQ + i, b, 0, lens.get(i));
                } else {
                    ((BlockPacketCipher) receiver).update(b, 0, lens.get(i));
                }
                assertArrayEquals(Arrays.copyOf(plain.get(i), lens.get(i)), Arrays.copyOf(b, lens.get(i)));
            }
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void wrongKeyOrIvSizesAreRefused(CipherFactory c, String chainSpec) {
        CryptoProvider crypto = Fixtures.chain(chainSpec);
        assertThrows(SshCryptoException.class,
                () -> c.create(true, new byte[c.keyLength() - 1], new byte[c.ivLength()], crypto));
        assertThrows(SshCryptoException.class,
                () -> c.create(true, new byte[c.keyLength() + 1], new byte[c.ivLength()], crypto));
        if (c.ivLength() > 0) {
            assertThrows(SshCryptoException.class,
                    () -> c.create(true, new byte[c.keyLength()], new byte[c.ivLength() + 1], crypto));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void aClosedCipherRefusesWork(CipherFactory c, String chainSpec) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chainSpec);
        Fixtures.assumeRuns(crypto, c);
        PacketCipher p = c.create(true, new byte[c.keyLength()], new byte[c.ivLength()], crypto);
        p.close();
        p.close();
        byte[] buf = new byte[64];
        if (p instanceof AeadPacketCipher a) {
            assertThrows(IllegalStateException.class, () -> a.seal(0, buf, 0, 4 + c.blockSize()));
        } else {
            assertThrows(IllegalStateException.class, () -> ((BlockPacketCipher) p).update(buf, 0, c.blockSize()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    void declaredSizesFitTheAlgorithm(CipherFactory c) {
        assertTrue(c.blockSize() >= 8);
        assertEquals(c.tagLength() > 0, c.isAead());
        assertEquals(c.name().contains("gcm") || c.name().contains("poly1305"), c.isAead());
        assertFalse(c.requiredPrimitives().isEmpty());
    }
}
