package ssh.api.crypto;

import ssh.api.SshCryptoException;
import ssh.api.SshMacException;

/** An AEAD cipher (AES-GCM) working in place on a buffer, with the tag right after the ciphertext. */
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
}
