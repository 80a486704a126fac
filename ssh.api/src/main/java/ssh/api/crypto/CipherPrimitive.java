package ssh.api.crypto;

import ssh.api.SshCryptoException;

/**
 * An unauthenticated block cipher mode (AES-CTR, AES-CBC, 3DES-CBC, Blowfish-CBC) whose state runs
 * on from one {@link #update} to the next, as SSH's packet stream needs.
 */
public interface CipherPrimitive {
    /** (Re)keys the cipher; may be called again at rekey time. Refuses wrong key or IV sizes. */
    void init(boolean encrypt, byte[] key, byte[] iv) throws SshCryptoException;

    /** Transforms {@code len} bytes (a multiple of the block size for CBC); {@code in} and {@code out} may be the same. */
    void update(byte[] in, int inOff, int len, byte[] out, int outOff);

    int blockSize();
}
