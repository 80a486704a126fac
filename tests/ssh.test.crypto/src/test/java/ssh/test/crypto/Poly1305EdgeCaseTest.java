package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ssh.api.crypto.Poly1305Primitive;

/**
 * The jca Poly1305 against Bouncy Castle's on the inputs its multi-block path could get wrong:
 * every short length, lengths around the one- and two-block strides, and keys and messages that
 * push limbs and carries to their limits.
 */
class Poly1305EdgeCaseTest {
    private Poly1305Primitive jca;
    private Poly1305Primitive bc;

    @BeforeEach
    void bothProviders() throws Exception {
        jca = Providers.jca().poly1305();
        bc = Providers.bc().poly1305();
    }

    private static int[] lengths() {
        IntStream shortOnes = IntStream.rangeClosed(0, 200);
        IntStream strides = IntStream.of(255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097,
                32767, 32768, 32769);
        return IntStream.concat(shortOnes, strides).toArray();
    }

    /** Random r and s; r at its clamped maximum; r = 0; s all ones; everything all ones. */
    private static byte[][] keys() {
        Random rnd = new Random(1305);
        byte[] random = new byte[32];
        rnd.nextBytes(random);
        byte[] rMax = random.clone();
        Arrays.fill(rMax, 0, 16, (byte) 0xff);
        byte[] rZero = random.clone();
        Arrays.fill(rZero, 0, 16, (byte) 0);
        byte[] sOnes = random.clone();
        Arrays.fill(sOnes, 16, 32, (byte) 0xff);
        byte[] allOnes = new byte[32];
        Arrays.fill(allOnes, (byte) 0xff);
        return new byte[][] {random, rMax, rZero, sOnes, allOnes};
    }

    private static byte[][] messages(int len, Random rnd) {
        byte[] random = new byte[len];
        rnd.nextBytes(random);
        byte[] ones = new byte[len];
        Arrays.fill(ones, (byte) 0xff);
        byte[] zeros = new byte[len];
        // Ones with the last byte 0xfb: the running value sits just around p = 2^130 - 5.
        byte[] nearP = ones.clone();
        if (len > 0) {
            nearP[len - 1] = (byte) 0xfb;
        }
        return new byte[][] {random, ones, zeros, nearP};
    }

    @Test
    void agreesWithBouncyCastleOnEdgeLengthsKeysAndMessages() {
        Random rnd = new Random(42);
        for (int len : lengths()) {
            for (byte[] msg : messages(len, rnd)) {
                for (byte[] key : keys()) {
                    byte[] expected = new byte[16];
                    byte[] actual = new byte[16];
                    bc.mac(key, 0, msg, 0, len, expected, 0);
                    jca.mac(key, 0, msg, 0, len, actual, 0);
                    assertArrayEquals(expected, actual, () -> "len " + len + " key " + Arrays.toString(key)
                            + " msg starting " + (len > 0 ? msg[0] : "-"));
                }
            }
        }
    }

    @Test
    void honoursOffsetsIntoLargerArrays() {
        Random rnd = new Random(7);
        for (int len : new int[] {0, 15, 16, 31, 32, 33, 63, 64, 65, 1000}) {
            byte[] key = new byte[32 + 5];
            byte[] buf = new byte[len + 9];
            rnd.nextBytes(key);
            rnd.nextBytes(buf);
            byte[] expected = new byte[16];
            bc.mac(Arrays.copyOfRange(key, 5, 37), 0, Arrays.copyOfRange(buf, 3, 3 + len), 0, len, expected, 0);
            byte[] out = new byte[16 + 11];
            jca.mac(key, 5, buf, 3, len, out, 11);
            assertArrayEquals(expected, Arrays.copyOfRange(out, 11, 27), "len " + len);
        }
    }

    @Test
    void manyRandomKeysAndLengthsAgree() {
        Random rnd = new Random(2024);
        byte[] key = new byte[32];
        for (int i = 0; i < 3000; i++) {
            rnd.nextBytes(key);
            int len = rnd.nextInt(600);
            byte[] msg = new byte[len];
            rnd.nextBytes(msg);
            byte[] expected = new byte[16];
            byte[] actual = new byte[16];
            bc.mac(key, 0, msg, 0, len, expected, 0);
            jca.mac(key, 0, msg, 0, len, actual, 0);
            assertArrayEquals(expected, actual, "len " + len);
        }
    }
}
