package ssh.provider.bc;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Collectors;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Secret;

/** Argument checks and byte conversions shared by the Bouncy Castle primitives. */
final class BcChecks {
    private BcChecks() {
    }

    /** Whether {@code value} is one of {@code allowed}. */
    static boolean oneOf(int value, int... allowed) {
        for (int a : allowed) {
            if (a == value) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a missing array or one whose length is not among {@code allowed}. */
    static void length(String what, byte[] value, int... allowed) throws SshCryptoException {
        if (value == null || !oneOf(value.length, allowed)) {
            throw new SshCryptoException(what + " must be "
                    + Arrays.stream(allowed).mapToObj(Integer::toString).collect(Collectors.joining(" or "))
                    + " bytes, not " + (value == null ? "missing" : Integer.toString(value.length)));
        }
    }

    /** Refuses a missing argument. */
    static <T> T present(String what, T value) throws SshCryptoException {
        if (value == null) {
            throw new SshCryptoException(what + " is missing");
        }
        return value;
    }

    /** A copy of a secret's bytes; refuses a missing or destroyed secret. */
    static byte[] secretBytes(String what, Secret secret) throws SshCryptoException {
        if (secret == null) {
            throw new SshCryptoException(what + " is missing");
        }
        try {
            return secret.bytes();
        } catch (IllegalStateException e) {
            throw new SshCryptoException(what + " was destroyed", e);
        }
    }

    /** A non-negative {@code value} as exactly {@code length} big-endian bytes; refuses one that does not fit. */
    static byte[] fixed(BigInteger value, int length) throws SshCryptoException {
        if (value.signum() < 0 || value.bitLength() > length * 8) {
            throw new SshCryptoException("value does not fit in " + length + " bytes");
        }
        byte[] raw = value.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        Arrays.fill(raw, (byte) 0);
        return out;
    }

    /** The unsigned big-endian magnitude of a non-negative {@code value}, without leading zero bytes. */
    static byte[] unsigned(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length > 1 && raw[0] == 0) {
            byte[] out = Arrays.copyOfRange(raw, 1, raw.length);
            Arrays.fill(raw, (byte) 0);
            return out;
        }
        return raw;
    }

    /** Wraps an unchecked exception from Bouncy Castle into the API's exception. */
    static SshCryptoException refused(String what, RuntimeException e) {
        String msg = e.getMessage();
        return new SshCryptoException(what + " refused: " + (msg == null ? e.getClass().getSimpleName() : msg), e);
    }

    /** A short name for the kind of a key, for messages. */
    static String kind(Object key) {
        return key == null ? "missing" : key.getClass().getSimpleName();
    }

    /** Zeroes {@code b} if present. */
    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
