package ssh.api.crypto;

import ssh.api.SshCryptoException;

/** A keyed MAC (HMAC), reusable with the same key after each {@link #doFinal(byte[], int)}. */
public interface MacPrimitive {
    /** (Re)keys the MAC. */
    void init(byte[] key) throws SshCryptoException;

    /** Output bytes. */
    int length();

    void update(byte[] b, int off, int len);

    /** Writes the MAC of everything updated since the last call and resets for the next message. */
    void doFinal(byte[] out, int outOff);
}
