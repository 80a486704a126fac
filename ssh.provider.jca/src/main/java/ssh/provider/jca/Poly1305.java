package ssh.provider.jca;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import ssh.api.crypto.Poly1305Primitive;

/**
 * Poly1305 (RFC 8439 section 2.5), written here because the JDK exposes it only inside its
 * ChaCha20-Poly1305 AEAD.
 *
 * <p>Numbers mod p = 2^130 - 5 are held in three limbs of 44, 44 and 42 bits (x = x0 + x1 2^44 +
 * x2 2^88), so nine limb products make one multiplication instead of the 25 that 26-bit limbs
 * need. A limb product a b (up to ~90 bits) is never formed whole: the multiplier is kept shifted
 * left by 20 bits (b' = b 2^20 < 2^64), so {@code Math.unsignedMultiplyHigh(a, b')} (a C2
 * intrinsic) is exactly a b / 2^44 and {@code (a * b') >>> 20} is exactly a b mod 2^44, the two
 * halves that land in adjacent limbs. (The two-block loop shifts by 19 and splits at 2^45.)
 *
 * <p>Blocks go two at a time as h = (h + m1) r^2 + m2 r: the product with m2 does not depend on h,
 * so the CPU overlaps it with the serial chain through h, and the two products share one carry
 * pass. There each multiplication takes six limb products (Karatsuba: the cross terms come from
 * (a_i + a_j)(b_i + b_j) minus the squares), 12 machine multiplications per block where 26-bit
 * limbs took 25. Any leftover full block and the final partial block go one at a time as
 * h = (h + m) r with the plain nine products.
 *
 * <p>There are no secret-dependent branches or table lookups; the final reduction mod p is done
 * with masks. Checked against the RFC's vectors and against Bouncy Castle's Poly1305 in the
 * provider tests.
 */
final class Poly1305 implements Poly1305Primitive {
    private static final long M44 = (1L << 44) - 1;
    private static final long M42 = (1L << 42) - 1;

    private final byte[] block = new byte[16];
    /** The accumulator h, and r^2 for the two-block loop (per-instance scratch, no allocation). */
    private final long[] acc = new long[3];
    private final long[] sq = new long[3];

    @Override
    public void mac(byte[] key, int keyOff, byte[] msg, int off, int len, byte[] out, int outOff) {
        // r with the clamping of RFC 8439 section 2.5, split into 44/44/42-bit limbs.
        long k0 = le64(key, keyOff) & 0x0ffffffc0fffffffL;
        long k1 = le64(key, keyOff + 8) & 0x0ffffffc0ffffffcL;
        long r0 = k0 & M44;
        long r1 = ((k0 >>> 44) | (k1 << 20)) & M44;
        long r2 = k1 >>> 24;

        long[] h = acc;
        h[0] = 0;
        h[1] = 0;
        h[2] = 0;
        int pos = off;
        int end = off + len;
        if (len >= 32) {
            // u = r^2, carried so that every limb is below 2^44 and its shifted copy fits 64 bits.
            long[] u = sq;
            u[0] = r0;
            u[1] = r1;
            u[2] = r2;
            mulReduce(u, r0, r1, r2);
            u[1] += u[0] >>> 44;
            u[0] &= M44;
            u[2] += u[1] >>> 44;
            u[1] &= M44;
            pos = twoBlocks(h, u, r0, r1, r2, msg, pos, end);
        }
        while (end - pos >= 16) {
            addBlock(h, msg, pos, 1);
            mulReduce(h, r0, r1, r2);
            pos += 16;
        }
        if (pos < end) {
            // The last partial block gets a 0x01 byte after it and zeros to fill (no 2^128 bit).
            int n = end - pos;
            System.arraycopy(msg, pos, block, 0, n);
            block[n] = 1;
            java.util.Arrays.fill(block, n + 1, 16, (byte) 0);
            addBlock(h, block, 0, 0);
            mulReduce(h, r0, r1, r2);
        }
        finish(h, key, keyOff, out, outOff);
    }

    /** Absorbs the 32-byte blocks of msg[pos, end) into h; returns where it stopped. */
    private static int twoBlocks(long[] h, long[] u, long r0, long r1, long r2, byte[] msg, int pos, int end) {
        long h0 = h[0];
        long h1 = h[1];
        long h2 = h[2];
        // Multipliers and their pairwise sums (Karatsuba), shifted left by 19: sums of two limbs
        // reach 2^45, so here the split is at 2^45 (lo < 2^45, and 2 hi is the part at 2^44).
        long u0 = u[0] << 19;
        long u1 = u[1] << 19;
        long u2 = u[2] << 19;
        long u01 = (u[0] + u[1]) << 19;
        long u02 = (u[0] + u[2]) << 19;
        long u12 = (u[1] + u[2]) << 19;
        long v0 = r0 << 19;
        long v1 = r1 << 19;
        long v2 = r2 << 19;
        long v01 = (r0 + r1) << 19;
        long v02 = (r0 + r2) << 19;
        long v12 = (r1 + r2) << 19;
        for (; end - pos >= 32; pos += 32) {
            // a = h + m1 and b = m2, each block with its 2^128 bit (bit 40 of the top limb).
            long w0 = le64(msg, pos);
            long w1 = le64(msg, pos + 8);
            long a0 = h0 + (w0 & M44);
            long a1 = h1 + (((w0 >>> 44) | (w1 << 20)) & M44);
            long a2 = h2 + ((w1 >>> 24) | (1L << 40));
            w0 = le64(msg, pos + 16);
            w1 = le64(msg, pos + 24);
            long b0 = w0 & M44;
            long b1 = ((w0 >>> 44) | (w1 << 20)) & M44;
            long b2 = (w1 >>> 24) | (1L << 40);

            // Six products per operand pair instead of nine: P_ii = a_i u_i and K_ij =
            // (a_i + a_j)(u_i + u_j), so a_i u_j + a_j u_i = K_ij - P_ii - P_jj. The a u and b r
            // products are summed together; each as its low (l) and high (q) part.
            long a01 = a0 + a1;
            long a02 = a0 + a2;
            long a12 = a1 + a2;
            long b01 = b0 + b1;
            long b02 = b0 + b2;
            long b12 = b1 + b2;
            long l00 = lo(a0, u0) + lo(b0, v0);
            long q00 = hi(a0, u0) + hi(b0, v0);
            long l11 = lo(a1, u1) + lo(b1, v1);
            long q11 = hi(a1, u1) + hi(b1, v1);
            long l22 = lo(a2, u2) + lo(b2, v2);
            long q22 = hi(a2, u2) + hi(b2, v2);
            long l01 = lo(a01, u01) + lo(b01, v01) - l00 - l11;
            long q01 = hi(a01, u01) + hi(b01, v01) - q00 - q11;
            long l02 = lo(a02, u02) + lo(b02, v02) - l00 - l22 + l11;
            long q02 = hi(a02, u02) + hi(b02, v02) - q00 - q22 + q11;
            long l12 = lo(a12, u12) + lo(b12, v12) - l11 - l22;
            long q12 = hi(a12, u12) + hi(b12, v12) - q11 - q22;

            // Now the product is sum over k of (l_k + 2 q_k 2^44) 2^(44 k), for k = i + j (the
            // 11 pair being at k = 2). Parts at 2^132 and up fold back times 20 (2^132 = 20 mod p).
            // The differences may be negative, and since a group's low and high parts fold with
            // different factors, so may d2 (|d2| < 2^50). Adding 2^16 p (2^58 to d2, -5 2^16 to
            // d0) keeps d2 positive; the carry uses arithmetic shifts, exact for either sign.
            long d0 = l00 + 20 * (l12 + 2 * q02) - (5L << 16);
            long d1 = 2 * q00 + l01 + 20 * (2 * q12 + l22);
            long d2 = 2 * q01 + l02 + 40 * q22 + (1L << 58);

            // Carry: limbs back to 44/44/42 bits, bits 130 and up folded in times 5.
            d1 += d0 >> 44;
            d2 += d1 >> 44;
            h0 = (d0 & M44) + 5 * (d2 >>> 42);
            h1 = d1 & M44;
            h2 = d2 & M42;
        }
        h[0] = h0;
        h[1] = h1;
        h[2] = h2;
        return pos;
    }

    /** h += the 16-byte block at m[mOff], plus 2^128 when hibit is 1. */
    private static void addBlock(long[] h, byte[] m, int mOff, long hibit) {
        long w0 = le64(m, mOff);
        long w1 = le64(m, mOff + 8);
        h[0] += w0 & M44;
        h[1] += ((w0 >>> 44) | (w1 << 20)) & M44;
        h[2] += (w1 >>> 24) | (hibit << 40);
    }

    /** h = h r mod p, partially reduced; limbs of h may exceed their width by a few bits. */
    private static void mulReduce(long[] h, long r0, long r1, long r2) {
        long h0 = h[0];
        long h1 = h[1];
        long h2 = h[2];
        r0 <<= 20;
        r1 <<= 20;
        r2 <<= 20;
        long d0 = lo44(h0, r0) + 20 * (lo44(h1, r2) + lo44(h2, r1) + hi44(h0, r2) + hi44(h1, r1) + hi44(h2, r0));
        long d1 = hi44(h0, r0) + lo44(h0, r1) + lo44(h1, r0) + 20 * (hi44(h1, r2) + hi44(h2, r1) + lo44(h2, r2));
        long d2 = hi44(h0, r1) + hi44(h1, r0) + lo44(h0, r2) + lo44(h1, r1) + lo44(h2, r0) + 20 * hi44(h2, r2);
        d1 += d0 >>> 44;
        d2 += d1 >>> 44;
        h[0] = (d0 & M44) + 5 * (d2 >>> 42);
        h[1] = d1 & M44;
        h[2] = d2 & M42;
    }

    /** a b mod 2^45, for b' = b 2^19 (the two-block loop). */
    private static long lo(long a, long bShifted) {
        return (a * bShifted) >>> 19;
    }

    /** floor(a b / 2^45), for b' = b 2^19 (the two-block loop). */
    private static long hi(long a, long bShifted) {
        return Math.unsignedMultiplyHigh(a, bShifted);
    }

    /** a b mod 2^44, for b' = b 2^20 (the one-block step). */
    private static long lo44(long a, long bShifted) {
        return (a * bShifted) >>> 20;
    }

    /** floor(a b / 2^44), for b' = b 2^20 (the one-block step). */
    private static long hi44(long a, long bShifted) {
        return Math.unsignedMultiplyHigh(a, bShifted);
    }

    /** Fully reduces h mod p and writes tag = (h + s) mod 2^128, little-endian. */
    private static void finish(long[] hv, byte[] key, int keyOff, byte[] out, int outOff) {
        long h0 = hv[0];
        long h1 = hv[1];
        long h2 = hv[2];
        // Full carry: afterwards h0, h1 < 2^44 and h < 2^130 + 2^44, so h - p < p when h >= p.
        // (The last h1 -> h2 carry is defensive: with the loop's bounds it is always zero.)
        h1 += h0 >>> 44;
        h0 &= M44;
        h2 += h1 >>> 44;
        h1 &= M44;
        h0 += 5 * (h2 >>> 42);
        h2 &= M42;
        h1 += h0 >>> 44;
        h0 &= M44;
        h2 += h1 >>> 44;
        h1 &= M44;

        // g = h + 5 - 2^130 = h - p; keep h when g is negative (h < p), chosen with a mask.
        long g0 = h0 + 5;
        long g1 = h1 + (g0 >>> 44);
        g0 &= M44;
        long g2 = h2 + (g1 >>> 44) - (1L << 42);
        g1 &= M44;
        long keepH = g2 >> 63;
        h0 = (h0 & keepH) | (g0 & ~keepH);
        h1 = (h1 & keepH) | (g1 & ~keepH);
        h2 = (h2 & keepH) | (g2 & ~keepH);

        // The low 128 bits of h as two words, plus s with the carry between them.
        long f0 = h0 | (h1 << 44);
        long f1 = (h1 >>> 20) | (h2 << 24);
        long s0 = le64(key, keyOff + 16);
        long s1 = le64(key, keyOff + 24);
        long t = f0 + s0;
        long carry = ((f0 & s0) | ((f0 | s0) & ~t)) >>> 63; // majority of the top bits, no compare
        LE64.set(out, outOff, t);
        LE64.set(out, outOff + 8, f1 + s1 + carry);
    }

    /** Little-endian 64-bit reads and writes in one access. */
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static long le64(byte[] b, int i) {
        return (long) LE64.get(b, i);
    }
}
