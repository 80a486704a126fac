package ssh.kex;

import java.math.BigInteger;
import java.util.List;

/**
 * The MODP groups of RFC 2409 (Oakley group 2) and RFC 3526 (groups 14 to 18), computed when the
 * class loads from the formula both RFCs give, p = 2^b - 2^(b-64) - 1 + 2^64 * (floor(2^(b-130) pi) + c),
 * with pi from Machin's formula in exact integer arithmetic. The generator is 2 for all of them.
 */
final class ModpGroups {
    private ModpGroups() {
    }

    /** Guard bits below the ones any prime needs, against the truncation in the series. */
    private static final int GUARD = 64;
    private static final int MAX_BITS = 8192;
    /** floor(pi * 2^(MAX_BITS - 130 + GUARD)), give or take a few units in the last place. */
    private static final BigInteger PI = pi(MAX_BITS - 130 + GUARD);

    static final BigInteger GENERATOR = BigInteger.TWO;
    /** Oakley group 2, 1024 bits: diffie-hellman-group1-sha1. */
    static final BigInteger GROUP1 = modp(1024, 129093);
    static final BigInteger GROUP14 = modp(2048, 124476);
    static final BigInteger GROUP15 = modp(3072, 1690314);
    static final BigInteger GROUP16 = modp(4096, 240904);
    static final BigInteger GROUP17 = modp(6144, 929484);
    static final BigInteger GROUP18 = modp(8192, 4743158);

    /** The groups a group-exchange server offers, smallest first. */
    static final List<BigInteger> GROUP_EXCHANGE = List.of(GROUP14, GROUP15, GROUP16, GROUP17, GROUP18);

    private static BigInteger modp(int bits, int c) {
        BigInteger one = BigInteger.ONE;
        BigInteger piPart = PI.shiftRight(MAX_BITS - bits + GUARD).add(BigInteger.valueOf(c));
        return one.shiftLeft(bits).subtract(one.shiftLeft(bits - 64)).subtract(one).add(piPart.shiftLeft(64));
    }

    /** pi * 2^bits by Machin's formula, pi = 16 arctan(1/5) - 4 arctan(1/239). */
    private static BigInteger pi(int bits) {
        return arctanOfInverse(5, bits).shiftLeft(4).subtract(arctanOfInverse(239, bits).shiftLeft(2));
    }

    /** arctan(1/x) * 2^bits = sum over k of (-1)^k / ((2k+1) x^(2k+1)), each term truncated. */
    private static BigInteger arctanOfInverse(int x, int bits) {
        BigInteger xSquared = BigInteger.valueOf((long) x * x);
        BigInteger power = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(x));
        BigInteger sum = power;
        for (int k = 1; power.signum() != 0; k++) {
            power = power.divide(xSquared);
            BigInteger term = power.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) == 1 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }
}
