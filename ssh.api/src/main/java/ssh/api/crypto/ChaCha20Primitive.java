package ssh.api.crypto;

import ssh.api.SshCryptoException;

/**
 * ChaCha20 with the original layout of a 64-bit nonce and a 64-bit block counter, which
 * {@code chacha20-poly1305@openssh.com} uses. (RFC 8439's 96-bit nonce is the same state with the
 * counter's high word taken from the nonce's first four bytes.)
 */
public interface ChaCha20Primitive {
    /** Sets the 32-byte key. */
    void init(byte[] key) throws SshCryptoException;

    /**
     * XORs {@code len} bytes with the key stream for {@code nonce} (8 bytes) starting at block
     * {@code counter}; the output may be the input's own range (in place), but no other range that
     * overlaps it.
     */
    void crypt(byte[] nonce, long counter, byte[] in, int inOff, int len, byte[] out, int outOff);

    /**
     * Like {@link #crypt(byte[], long, byte[], int, int, byte[], int)} with the input being the
     * message {@code in} holds, none of whose slices may overlap {@code out[outOff, outOff+in.length())}.
     * This default copies the message to {@code out} and XORs it there; an implementation that can
     * run its key stream across the slices overrides it to save that copy.
     */
    default void crypt(byte[] nonce, long counter, Gather in, byte[] out, int outOff) {
        in.copyTo(out, outOff);
        crypt(nonce, counter, out, outOff, in.length(), out, outOff);
    }
}
