package ssh.api.crypto;

import ssh.api.SshCryptoException;
import ssh.api.SshMacException;

/**
 * An AEAD cipher (AES-GCM), with the tag right after the ciphertext. The in-place forms are what an
 * implementation must provide; the forms with a separate source or destination have defaults
 * built on them (a copy), and an implementation that can read and write different arrays directly
 * overrides them: the packet path uses those, and saves a copy of every packet each way.
 */
public interface AeadPrimitive {
    /** (Re)keys the cipher; refuses key sizes the algorithm does not have. */
    void init(byte[] key) throws SshCryptoException;

    int tagLength();

    /**
     * Encrypts {@code buf[off, off+len)} in place, authenticating {@code aad[aadOff, aadOff+aadLen)}
     * too, and writes the tag at {@code buf[off+len]}. Each nonce must be used only once per key.
     */
    void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshCryptoException;

    /**
     * Checks the tag at {@code buf[off+len]} and, only if it verifies, decrypts {@code buf[off, off+len)}
     * in place.
     */
    void open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshMacException, SshCryptoException;

    /**
     * Encrypts the message {@code plaintext} holds, authenticating {@code aad[aadOff, aadOff+aadLen)}
     * too, to {@code out[outOff, outOff+plaintext.length())} and writes the tag right after it, as
     * copying the message there and sealing it in place would. No slice of {@code plaintext} may
     * overlap that output range.
     */
    default void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, Gather plaintext, byte[] out, int outOff)
            throws SshCryptoException {
        plaintext.copyTo(out, outOff);
        seal(nonce, aad, aadOff, aadLen, out, outOff, plaintext.length());
    }

    /**
     * Checks the tag at {@code in[off+len]} and, only if it verifies, writes the plaintext of
     * {@code in[off, off+len)} to {@code out[outOff, outOff+len)}, which may overlap the input in
     * any way. Afterwards {@code in[off, off+len)} is unspecified (this default decrypts it in
     * place), and when the tag does not verify, so is the output range, which holds no plaintext.
     */
    default void open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] in, int off, int len, byte[] out,
            int outOff) throws SshMacException, SshCryptoException {
        if (outOff < 0 || len < 0 || outOff > out.length - len) {
            throw new SshCryptoException("AEAD output too small for " + len + " bytes");
        }
        open(nonce, aad, aadOff, aadLen, in, off, len);
        System.arraycopy(in, off, out, outOff, len);
    }
}
