package ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshMacException;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.Poly1305Primitive;
import ssh.api.spi.AeadPacketCipher;
import ssh.api.spi.CryptoProvider;

/**
 * {@code chacha20-poly1305@openssh.com} against a published worked example, and against the
 * construction rebuilt in the test from the raw ChaCha20 and Poly1305 primitives.
 */
class ChaCha20Poly1305Test {
    private static final HexFormat HEX = HexFormat.of();

    /*
     * The worked example of draft-ietf-sshm-chacha20-poly1305 (Appendix A; revisions -02 to -04),
     * which documents OpenSSH's cipher: 64 bytes of key material (K_2 first), sequence number 7, an
     * SSH_MSG_CHANNEL_DATA packet in the clear, and the bytes sent for it, tag included.
     */
    private static final byte[] KEY = HEX.parseHex(
            "8bbff6855fc102338c373e73aac0c914f076a905b2444a32eecaffeae22becc5"
            + "e9b7a7a5825a8249346ec1c28301cf394543fc7569887d76e168f37562ac0740");
    private static final int SEQ = 7;
    private static final byte[] PLAIN = HEX.parseHex(
            "00000048065e00000000000000384c6f72656d20697073756d20646f6c6f7220"
            + "73697420616d65742c20636f6e73656374657475722061646970697369636"
            + "96e6720656c69744e43e804dc6c");
    private static final byte[] SENT = HEX.parseHex(
            "2c3ecce4a5bc05895bf07a7ba956b6c68829ac7c83b780b7000ecde745afc705"
            + "bbc378ce03a280236b87b53bed5839662302b164b6286a48cd1e097138e3cb90"
            + "9b8b2b829dd18d2a35ff82d995349e855bf02c298ef775f2d1a7e8b8");

    static java.util.List<String> chains() {
        return Fixtures.CHAINS;
    }

    private static AeadPacketCipher cipher(byte[] key, CryptoProvider crypto) throws Exception {
        ChaCha20Poly1305 f = new ChaCha20Poly1305();
        Fixtures.assumeRuns(crypto, f);
        return (AeadPacketCipher) f.create(true, key.clone(), new byte[0], crypto);
    }

    @ParameterizedTest
    @MethodSource("chains")
    void sealGivesTheDraftsBytes(String chain) throws Exception {
        byte[] buf = Arrays.copyOf(PLAIN, PLAIN.length + 16);
        try (AeadPacketCipher c = cipher(KEY, Fixtures.chain(chain))) {
            c.seal(SEQ, buf, 0, PLAIN.length);
        }
        assertArrayEquals(SENT, buf);
    }

    @ParameterizedTest
    @MethodSource("chains")
    void openGivesTheDraftsPacketBack(String chain) throws Exception {
        byte[] buf = SENT.clone();
        try (AeadPacketCipher c = cipher(KEY, Fixtures.chain(chain))) {
            assertEquals(0x48, c.packetLength(SEQ, buf, 0));
            assertThrows(SshMacException.class, () -> c.open(SEQ + 1, buf, 0, PLAIN.length));
            assertArrayEquals(SENT, buf, "a packet that fails its tag is left as it came");
            c.open(SEQ, buf, 0, PLAIN.length);
        }
        assertArrayEquals(PLAIN, Arrays.copyOf(buf, PLAIN.length));
    }

    /** The construction spelled out independently, on the provider's raw primitives. */
    private static byte[] expected(CryptoProvider crypto, byte[] key, int seq, byte[] plain, int len) throws Exception {
        byte[] nonce = new byte[8];
        for (int i = 0; i < 4; i++) {
            nonce[7 - i] = (byte) (seq >>> (8 * i));
        }
        ChaCha20Primitive k1 = crypto.chacha20();
        k1.init(Arrays.copyOfRange(key, 32, 64));
        ChaCha20Primitive k2 = crypto.chacha20();
        k2.init(Arrays.copyOfRange(key, 0, 32));
        byte[] out = new byte[len + 16];
        k1.crypt(nonce, 0, plain, 0, 4, out, 0);
        // Block 1 of K_2's key stream starts 64 bytes in: run from block 0 over a zero prefix.
        byte[] stream = new byte[64 + len - 4];
        System.arraycopy(plain, 4, stream, 64, len - 4);
        k2.crypt(nonce, 0, stream, 0, stream.length, stream, 0);
        System.arraycopy(stream, 64, out, 4, len - 4);
        Poly1305Primitive poly = crypto.poly1305();
        poly.mac(stream, 0, out, 0, len, out, len);
        return out;
    }

    /**
     * open reuses the length field packetLength has just decrypted for the same packet; without
     * that call, or after one for another sequence number, it decrypts the length itself.
     */
    @ParameterizedTest
    @MethodSource("chains")
    void openDecryptsTheLengthWhenPacketLengthDidNotJustDoIt(String chain) throws Exception {
        try (AeadPacketCipher c = cipher(KEY, Fixtures.chain(chain))) {
            byte[] alone = SENT.clone();
            c.open(SEQ, alone, 0, PLAIN.length);
            assertArrayEquals(PLAIN, Arrays.copyOf(alone, PLAIN.length));
            byte[] other = SENT.clone();
            c.packetLength(SEQ + 1, other, 0);
            c.open(SEQ, other, 0, PLAIN.length);
            assertArrayEquals(PLAIN, Arrays.copyOf(other, PLAIN.length));
            byte[] reused = SENT.clone();
            assertEquals(0x48, c.packetLength(SEQ, reused, 0));
            c.open(SEQ, reused, 0, PLAIN.length);
            assertArrayEquals(PLAIN, Arrays.copyOf(reused, PLAIN.length));
        }
    }

    @ParameterizedTest
    @MethodSource("chains")
    void matchesTheConstructionRebuiltFromRawPrimitives(String chain) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chain);
        Random rnd = new Random(2024);
        byte[] key = Fixtures.random(rnd, 64);
        int[] seqs = {0, 1, 2, 0x7fffffff, 0x80000000, -1};
        try (AeadPacketCipher c = cipher(key, crypto)) {
            for (int seq : seqs) {
                for (int units : new int[] {0, 1, 8, 9, 200}) {
                    int len = 4 + 8 * units;
                    byte[] plain = Fixtures.random(rnd, len);
                    byte[] buf = Arrays.copyOf(plain, len + 16);
                    c.seal(seq, buf, 0, len);
                    assertArrayEquals(expected(crypto, key, seq, plain, len), buf,
                            "seq " + seq + ", " + len + " bytes");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("chains")
    void worksAtAnOffsetWithoutTouchingNeighbours(String chain) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chain);
        Random rnd = new Random(5);
        byte[] key = Fixtures.random(rnd, 64);
        byte[] plain = Fixtures.random(rnd, 4 + 64);
        byte[] buf = new byte[13 + plain.length + 16 + 9];
        Arrays.fill(buf, (byte) 0x5a);
        System.arraycopy(plain, 0, buf, 13, plain.length);
        try (AeadPacketCipher c = cipher(key, crypto)) {
            c.seal(3, buf, 13, plain.length);
            assertArrayEquals(expected(crypto, key, 3, plain, plain.length), Arrays.copyOfRange(buf, 13, 13 + 84));
            c.open(3, buf, 13, plain.length);
        }
        assertArrayEquals(plain, Arrays.copyOfRange(buf, 13, 13 + plain.length));
        for (int i = 0; i < 13; i++) {
            assertEquals((byte) 0x5a, buf[i]);
        }
        for (int i = 13 + 84; i < buf.length; i++) {
            assertEquals((byte) 0x5a, buf[i]);
        }
    }
}
