package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import ssh.api.SshCryptoException;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.Gather;
import ssh.api.crypto.Primitive;

/**
 * The forms of AES-GCM and ChaCha20 with a separate source or destination (what the packet path
 * uses: a seal from a {@link Gather}, an open into another array) give exactly what the in-place
 * forms give, whatever the slices' lengths and however a block straddles them: for each provider's
 * own implementation and for the interfaces' defaults, which a vendor's primitive that implements
 * only the required methods gets.
 */
class SlicedFormsProperties {
    /** The providers' AES-GCM, and the jca one seen only through the in-place methods. */
    @Provide
    Arbitrary<String> implementations() {
        return Arbitraries.of("jca", "bc", "defaults");
    }

    private static AeadPrimitive gcm(String implementation, byte[] key) throws SshCryptoException {
        AeadPrimitive a = switch (implementation) {
            case "bc" -> Providers.bc().aead(Primitive.AES_GCM);
            case "defaults" -> new InPlaceOnly(Providers.jca().aead(Primitive.AES_GCM));
            default -> Providers.jca().aead(Primitive.AES_GCM);
        };
        a.init(key);
        return a;
    }

    /** Message lengths from empty to past the JDK's bulk threshold, in up to four slices. */
    @Property(tries = 300)
    void aGatheredSealIsTheInPlaceSeal(@ForAll("implementations") String implementation, @ForAll long seed,
            @ForAll @IntRange(max = 12_000) int length, @ForAll @IntRange(min = 1, max = 4) int slices)
            throws Exception {
        Random random = new Random(seed);
        byte[] key = bytes(random, random.nextBoolean() ? 16 : 32);
        byte[] nonce = bytes(random, 12);
        byte[] aad = bytes(random, 4);
        byte[] message = bytes(random, length);
        int outOff = random.nextInt(9);

        byte[] expected = new byte[outOff + length + 16 + 5];
        System.arraycopy(message, 0, expected, outOff, length);
        gcm("jca", key).seal(nonce, aad, 0, 4, expected, outOff, length);

        Gather gather = new Gather();
        byte[][] parts = split(random, message, slices, gather);
        byte[][] partsBefore = Arrays.stream(parts).map(byte[]::clone).toArray(byte[][]::new);
        byte[] out = new byte[expected.length];
        gcm(implementation, key).seal(nonce, aad, 0, 4, gather, out, outOff);

        assertArrayEquals(Arrays.copyOfRange(expected, outOff, outOff + length + 16),
                Arrays.copyOfRange(out, outOff, outOff + length + 16), () -> implementation + ": " + gather);
        assertTrue(allZero(out, 0, outOff) && allZero(out, outOff + length + 16, out.length),
                "wrote outside the packet");
        for (int i = 0; i < parts.length; i++) {
            assertArrayEquals(partsBefore[i], parts[i], "changed its source slice");
        }
    }

    /** Into another array, or into the input's own array at any offset that fits (overlapping it or not). */
    @Property(tries = 300)
    void anOpenGivesThePlaintextOrNothing(@ForAll("implementations") String implementation, @ForAll long seed,
            @ForAll @IntRange(max = 12_000) int length, @ForAll boolean tamper, @ForAll boolean sameArray)
            throws Exception {
        Random random = new Random(seed);
        byte[] key = bytes(random, 16);
        byte[] nonce = bytes(random, 12);
        byte[] aad = bytes(random, 4);
        byte[] message = bytes(random, length);
        int off = random.nextInt(7);
        byte[] sealed = new byte[off + length + 16];
        System.arraycopy(message, 0, sealed, off, length);
        gcm("jca", key).seal(nonce, aad, 0, 4, sealed, off, length);
        if (tamper) {
            int bit = random.nextInt((length + 16) * 8);
            sealed[off + bit / 8] ^= (byte) (1 << (bit % 8));
        }
        byte[] in = sealed.clone();
        byte[] out;
        int outOff;
        if (sameArray) {
            out = in;
            outOff = random.nextInt(off + 17);
        } else {
            outOff = random.nextInt(5);
            out = new byte[outOff + length + 3];
            Arrays.fill(out, (byte) 0x5a);
        }
        byte[] before = out.clone();
        AeadPrimitive opener = gcm(implementation, key);
        String what = implementation + (sameArray ? ", same array at " + (outOff - off) : "");
        if (tamper) {
            assertThrows(SshMacException.class, () -> opener.open(nonce, aad, 0, 4, in, off, length, out, outOff));
            // No plaintext anywhere: the destination is as it was or zeroed, never the message.
            boolean untouched = Arrays.equals(out, before);
            boolean zeroed = !sameArray && allZero(out, outOff, outOff + length);
            assertTrue(untouched || zeroed, what + " left bytes in the destination");
            return;
        }
        opener.open(nonce, aad, 0, 4, in, off, length, out, outOff);
        assertArrayEquals(message, Arrays.copyOfRange(out, outOff, outOff + length), what);
        if (!sameArray) {
            assertTrue(Arrays.equals(before, 0, outOff, out, 0, outOff)
                    && Arrays.equals(before, outOff + length, out.length, out, outOff + length, out.length),
                    "wrote outside the plaintext");
            if (!implementation.equals("defaults")) {
                assertArrayEquals(sealed, in, "the provider's own open must leave its input as it was");
            }
        }
    }

    @Property(tries = 200)
    void aGatheredChaCha20IsTheOneShotKeyStream(@ForAll("implementations") String implementation,
            @ForAll long seed, @ForAll @IntRange(max = 5_000) int length, @ForAll @IntRange(min = 1, max = 4) int slices)
            throws Exception {
        Random random = new Random(seed);
        byte[] key = bytes(random, 32);
        byte[] nonce = bytes(random, 8);
        // Counters where the 32-bit halves roll over as well as small ones.
        long counter = random.nextBoolean() ? random.nextInt(3) : 0xffff_fff0L + random.nextInt(32);
        byte[] message = bytes(random, length);
        int outOff = random.nextInt(9);
        byte[] expected = new byte[outOff + length + 3];
        ChaCha20Primitive reference = Providers.jca().chacha20();
        reference.init(key);
        reference.crypt(nonce, counter, message, 0, length, expected, outOff);

        ChaCha20Primitive c = switch (implementation) {
            case "bc" -> Providers.bc().chacha20();
            case "defaults" -> {
                ChaCha20Primitive jca = Providers.jca().chacha20();
                yield new ChaCha20Primitive() {
                    @Override
                    public void init(byte[] k) throws SshCryptoException {
                        jca.init(k);
                    }

                    @Override
                    public void crypt(byte[] n, long ctr, byte[] in, int inOff, int len, byte[] out, int o) {
                        jca.crypt(n, ctr, in, inOff, len, out, o);
                    }
                };
            }
            default -> Providers.jca().chacha20();
        };
        c.init(key);
        Gather gather = new Gather();
        byte[][] parts = split(random, message, slices, gather);
        byte[][] partsBefore = Arrays.stream(parts).map(byte[]::clone).toArray(byte[][]::new);
        byte[] out = new byte[expected.length];
        c.crypt(nonce, counter, gather, out, outOff);
        assertArrayEquals(expected, out, () -> implementation + " at block " + counter + ": " + gather);
        for (int i = 0; i < parts.length; i++) {
            assertArrayEquals(partsBefore[i], parts[i], "changed its source slice");
        }
    }

    /** Cuts {@code message} into up to {@code slices} pieces, each in an array of its own at a random offset. */
    private static byte[][] split(Random random, byte[] message, int slices, Gather gather) {
        int[] cuts = new int[slices + 1];
        cuts[slices] = message.length;
        for (int i = 1; i < slices; i++) {
            cuts[i] = random.nextInt(message.length + 1);
        }
        Arrays.sort(cuts, 1, slices);
        byte[][] parts = new byte[slices][];
        for (int i = 0; i < slices; i++) {
            int len = cuts[i + 1] - cuts[i];
            int at = random.nextInt(4);
            parts[i] = bytes(random, at + len + random.nextInt(4));
            System.arraycopy(message, cuts[i], parts[i], at, len);
            gather.add(parts[i], at, len);
        }
        return parts;
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** A vendor's AES-GCM that implements only what the interface requires: the in-place forms. */
    private record InPlaceOnly(AeadPrimitive delegate) implements AeadPrimitive {
        @Override
        public void init(byte[] key) throws SshCryptoException {
            delegate.init(key);
        }

        @Override
        public int tagLength() {
            return delegate.tagLength();
        }

        @Override
        public void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
                throws SshCryptoException {
            delegate.seal(nonce, aad, aadOff, aadLen, buf, off, len);
        }

        @Override
        public void open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
                throws SshMacException, SshCryptoException {
            delegate.open(nonce, aad, aadOff, aadLen, buf, off, len);
        }
    }
}
