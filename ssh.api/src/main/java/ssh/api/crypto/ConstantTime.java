package ssh.api.crypto;

/**
 * Comparisons whose running time does not depend on where secret bytes differ. Every MAC, tag and
 * secret comparison in secsh goes through here. It needs no crypto library, so it is written once,
 * here, rather than by each provider.
 */
public final class ConstantTime {
    private ConstantTime() {
    }

    /** Whether {@code a[aOff, aOff+len)} equals {@code b[bOff, bOff+len)}, taking the same time for any contents. */
    public static boolean equals(byte[] a, int aOff, byte[] b, int bOff, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= a[aOff + i] ^ b[bOff + i];
        }
        return diff == 0;
    }

    /** Whether the arrays are equal; unequal lengths return at once (lengths are not secret). */
    public static boolean equals(byte[] a, byte[] b) {
        return a.length == b.length && equals(a, 0, b, 0, a.length);
    }

    /** Whether all {@code len} bytes are zero, e.g. an X25519 result from a low-order point. */
    public static boolean isZero(byte[] a, int off, int len) {
        int acc = 0;
        for (int i = 0; i < len; i++) {
            acc |= a[off + i];
        }
        return acc == 0;
    }
}
