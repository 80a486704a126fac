package ssh.auth.keys;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The Blowfish block cipher (Schneier, 1993) with the "expensive key schedule" of bcrypt
 * (Provos and Mazieres, 1999), for {@link BcryptPbkdf}: the JCA has Blowfish but no way to run the
 * salted key schedule, so the core lives here. Package-private, one instance per derivation, not
 * thread-safe; {@link #wipe()} clears the key-dependent state.
 *
 * <p>Blowfish starts from the fractional hexadecimal digits of pi: the first 18 32-bit words are
 * the P-array, the next 1024 the four S-boxes. Rather than carry a table of 1042 constants, this
 * class computes them once, when it is first used, with the Chudnovsky series summed by binary
 * splitting (about 710 terms for 33,400 bits; some 35 ms on a cold JVM, once). Tests check the
 * result against the JCA's Blowfish and the published first and last words.
 */
final class Blowfish {
    static final int ROUNDS = 16;
    static final int P_WORDS = ROUNDS + 2;
    static final int S_WORDS = 4 * 256;

    /** 640320^3 / 24, for the Chudnovsky series below; declared first, as the next line uses it. */
    private static final BigInteger C3_24 = BigInteger.valueOf(640320).pow(3).divide(BigInteger.valueOf(24));

    /** P-array then S-boxes, as pi's fractional hex digits; never modified after class init. */
    private static final int[] PI_WORDS = piWords(P_WORDS + S_WORDS);

    private final int[] p = new int[P_WORDS];
    private final int[] s = new int[S_WORDS];

    /** A cipher in the initial state (pi's digits), before any key is mixed in. */
    Blowfish() {
        reset();
    }

    /** Returns to the initial state, as before any key was mixed in. */
    void reset() {
        System.arraycopy(PI_WORDS, 0, p, 0, P_WORDS);
        System.arraycopy(PI_WORDS, P_WORDS, s, 0, S_WORDS);
    }

    /**
     * Blowfish's own key schedule ({@code expand0state} in OpenBSD's terms): XORs the key, cycled,
     * into the P-array, then encrypts a block that starts as zero over and over, each result
     * replacing the next two words of P and then of the S-boxes. On a fresh cipher this is
     * standard Blowfish keying; bcrypt applies it again and again to an already keyed one.
     */
    void expandKey(byte[] key) {
        expand(key, null);
    }

    /**
     * The salted key schedule of eksblowfish ({@code expandstate}): as {@link #expandKey(byte[])},
     * but each block is XORed with the next 8 bytes of {@code salt} (cycled) before it is encrypted.
     */
    void expandKey(byte[] key, byte[] salt) {
        expand(key, salt);
    }

    private void expand(byte[] key, byte[] salt) {
        int[] keyPos = {0};
        for (int i = 0; i < P_WORDS; i++) {
            p[i] ^= nextWord(key, keyPos);
        }
        int[] saltPos = {0};
        long block = 0;
        for (int i = 0; i < P_WORDS; i += 2) {
            block = encrypt(salt == null ? block : block ^ nextBlock(salt, saltPos));
            p[i] = (int) (block >>> 32);
            p[i + 1] = (int) block;
        }
        for (int i = 0; i < S_WORDS; i += 2) {
            block = encrypt(salt == null ? block : block ^ nextBlock(salt, saltPos));
            s[i] = (int) (block >>> 32);
            s[i + 1] = (int) block;
        }
    }

    /** Encrypts one 64-bit block: the left half in the high 32 bits, the right half in the low. */
    long encrypt(long block) {
        int l = (int) (block >>> 32);
        int r = (int) block;
        l ^= p[0];
        for (int i = 1; i < ROUNDS; i += 2) {
            r ^= f(l) ^ p[i];
            l ^= f(r) ^ p[i + 1];
        }
        r ^= p[ROUNDS + 1];
        return (long) r << 32 | (l & 0xffffffffL);
    }

    /** Encrypts the 8-byte block at {@code buf[off]} in place, big-endian as Blowfish is specified. */
    void encrypt(byte[] buf, int off) {
        long in = 0;
        for (int i = 0; i < 8; i++) {
            in = in << 8 | (buf[off + i] & 0xff);
        }
        long out = encrypt(in);
        for (int i = 7; i >= 0; i--) {
            buf[off + i] = (byte) out;
            out >>>= 8;
        }
    }

    /** Clears the key-dependent state. */
    void wipe() {
        Arrays.fill(p, 0);
        Arrays.fill(s, 0);
    }

    private int f(int x) {
        return ((s[x >>> 24] + s[256 | (x >>> 16) & 0xff]) ^ s[512 | (x >>> 8) & 0xff]) + s[768 | x & 0xff];
    }

    /** The next big-endian 32-bit word of {@code data}, cycling back to its start at the end. */
    static int nextWord(byte[] data, int[] pos) {
        int w = 0;
        int j = pos[0];
        for (int i = 0; i < 4; i++) {
            w = w << 8 | (data[j] & 0xff);
            j = j + 1 == data.length ? 0 : j + 1;
        }
        pos[0] = j;
        return w;
    }

    private static long nextBlock(byte[] data, int[] pos) {
        long hi = nextWord(data, pos);
        return hi << 32 | (nextWord(data, pos) & 0xffffffffL);
    }

    /** A copy of the initial state, P-array then S-boxes, for tests. */
    static int[] initialWords() {
        return PI_WORDS.clone();
    }

    // ---- pi's hexadecimal digits ------------------------------------------------------------

    /** The first {@code count} 32-bit words of pi's fractional part: 0x243f6a88, 0x85a308d3, ... */
    private static int[] piWords(int count) {
        int bits = 32 * count;
        int guard = 64;
        BigInteger scaled = piScaled(bits + guard).shiftRight(guard);
        BigInteger fraction = scaled.subtract(BigInteger.valueOf(3).shiftLeft(bits));
        byte[] b = fraction.toByteArray();
        int[] words = new int[count];
        int start = b.length - 4 * count; // toByteArray may add a leading sign byte or omit zero bytes
        for (int i = 0; i < 4 * count; i++) {
            int k = start + i;
            int v = k >= 0 ? b[k] & 0xff : 0;
            words[i / 4] |= v << (24 - 8 * (i % 4));
        }
        return words;
    }

    /**
     * pi times 2^{@code bits}, rounded down to within a few units, from the Chudnovsky series
     * 1/pi = 12 * sum_k (-1)^k (6k)! (13591409 + 545140134 k) / ((3k)! (k!)^3 640320^(3k+3/2)),
     * rearranged as pi = 426880 sqrt(10005) Q / T with Q and T from {@link #split}.
     */
    private static BigInteger piScaled(int bits) {
        long terms = bits / 47 + 3; // each term adds about 47.1 bits
        Split all = split(0, terms);
        BigInteger root = BigInteger.valueOf(10005).shiftLeft(2 * bits).sqrt();
        return BigInteger.valueOf(426880).multiply(root).multiply(all.q()).divide(all.t());
    }

    /** Products over terms [a, b): P and Q of the term ratios and T of the partial sum. */
    private record Split(BigInteger p, BigInteger q, BigInteger t) {
    }

    private static Split split(long a, long b) {
        if (b - a == 1) {
            BigInteger p;
            BigInteger q;
            if (a == 0) {
                p = BigInteger.ONE;
                q = BigInteger.ONE;
            } else {
                p = BigInteger.valueOf((6 * a - 5) * (2 * a - 1) * (6 * a - 1));
                q = BigInteger.valueOf(a * a * a).multiply(C3_24);
            }
            BigInteger t = p.multiply(BigInteger.valueOf(13591409 + 545140134 * a));
            return new Split(p, q, (a & 1) == 1 ? t.negate() : t);
        }
        long m = (a + b) / 2;
        Split l = split(a, m);
        Split r = split(m, b);
        return new Split(l.p().multiply(r.p()), l.q().multiply(r.q()),
                l.t().multiply(r.q()).add(l.p().multiply(r.t())));
    }
}
