package ssh.cipher;

import ssh.api.SshCryptoException;

/** Argument checks shared by the factories of this module. */
final class Checks {
    private Checks() {
    }

    /** Refuses {@code bytes} unless it holds exactly {@code expected} bytes. */
    static void length(String algorithm, String what, byte[] bytes, int expected) throws SshCryptoException {
        if (bytes == null || bytes.length != expected) {
            throw new SshCryptoException(algorithm + " needs a " + what + " of " + expected + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
    }

    /** Refuses a packet shorter than its 4-byte length field. */
    static void packet(byte[] buf, int off, int len, int tagLength) {
        if (len < 4 || off < 0 || off > buf.length - len - tagLength) {
            throw new IllegalArgumentException("packet of " + len + " bytes at " + off + " (plus a " + tagLength
                    + "-byte tag) does not fit a buffer of " + buf.length);
        }
    }

    /** The big-endian uint32 at {@code buf[off]}, as Java's signed int. */
    static int uint32(byte[] buf, int off) {
        return (buf[off] & 0xff) << 24 | (buf[off + 1] & 0xff) << 16 | (buf[off + 2] & 0xff) << 8 | buf[off + 3] & 0xff;
    }

    /** Writes {@code value} big-endian at {@code buf[off]}. */
    static void putUint32(byte[] buf, int off, int value) {
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
    }
}
