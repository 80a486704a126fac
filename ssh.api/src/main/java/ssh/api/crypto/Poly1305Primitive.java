package ssh.api.crypto;

/** The Poly1305 one-time authenticator of RFC 8439: a fresh 32-byte key for every message. */
public interface Poly1305Primitive {
    /** Writes the 16-byte tag of {@code msg[off, off+len)} under {@code key[keyOff, keyOff+32)} to {@code out[outOff]}. */
    void mac(byte[] key, int keyOff, byte[] msg, int off, int len, byte[] out, int outOff);
}
