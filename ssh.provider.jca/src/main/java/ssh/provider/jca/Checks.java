package ssh.provider.jca;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Collectors;
import ssh.api.SshCryptoException;

/** Argument checks shared by the JCA primitives. */
final class Checks {
    private Checks() {
    }

    static boolean oneOf(int value, int... allowed) {
        for (int a : allowed) {
            if (a == value) {
                return true;
            }
        }
        return false;
    }

    static String describe(int... sizes) {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining(" or "));
    }

    static void length(String what, byte[] value, int expected) throws SshCryptoException {
        if (value == null || value.length != expected) {
            throw new SshCryptoException(what + " must be " + expected + " bytes, not "
                    + (value == null ? "missing" : value.length));
        }
    }

    /** {@code value} as exactly {@code length} big-endian bytes (it must fit). */
    static byte[] fixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /** Unsigned big-endian bytes left-padded with zeros to {@code length}. */
    static byte[] fixedBytes(byte[] b, int length) {
        if (b.length == length) {
            return b;
        }
        return fixed(new BigInteger(1, b), length);
    }

    /** Unsigned big-endian bytes without leading zeros. */
    static byte[] stripLeadingZeros(byte[] b) {
        int i = 0;
        while (i < b.length - 1 && b[i] == 0) {
            i++;
        }
        return i == 0 ? b : Arrays.copyOfRange(b, i, b.length);
    }
}
