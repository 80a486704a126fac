package ssh.transport;

import ssh.api.SshException;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * Key derivation of RFC 4253 section 7.2: key X = HASH(K || H || X || session_id), extended with
 * HASH(K || H || K1 || ...) until long enough. K is passed already encoded as the key exchange
 * hashed it (an mpint, or a string for the hybrid post-quantum methods).
 */
final class KeyDerivation {
    private final DigestPrimitive digest;
    private final byte[] encodedK;
    private final byte[] h;
    private final byte[] sessionId;

    KeyDerivation(CryptoProvider crypto, Primitive hash, byte[] encodedK, byte[] h, byte[] sessionId)
            throws SshException {
        this.digest = crypto.digest(hash);
        this.encodedK = encodedK;
        this.h = h;
        this.sessionId = sessionId;
    }

    /** The {@code length} bytes for letter {@code x}: 'A'/'B' IVs, 'C'/'D' keys, 'E'/'F' MAC keys. */
    byte[] derive(char x, int length) {
        byte[] out = new byte[length];
        if (length == 0) {
            return out;
        }
        digest.update(encodedK, 0, encodedK.length);
        digest.update(h, 0, h.length);
        digest.update(new byte[] {(byte) x}, 0, 1);
        digest.update(sessionId, 0, sessionId.length);
        byte[] block = new byte[digest.length()];
        digest.digest(block, 0);
        int have = Math.min(block.length, length);
        System.arraycopy(block, 0, out, 0, have);
        while (have < length) {
            digest.update(encodedK, 0, encodedK.length);
            digest.update(h, 0, h.length);
            digest.update(out, 0, have);
            digest.digest(block, 0);
            int n = Math.min(block.length, length - have);
            System.arraycopy(block, 0, out, have, n);
            have += n;
        }
        java.util.Arrays.fill(block, (byte) 0);
        return out;
    }
}
