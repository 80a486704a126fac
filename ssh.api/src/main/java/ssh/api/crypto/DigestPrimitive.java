package ssh.api.crypto;

/** A hash function (SHA-2, SHA-1, MD5), reusable after each {@link #digest(byte[], int)}. */
public interface DigestPrimitive {
    /** Output bytes. */
    int length();

    void update(byte[] b, int off, int len);

    /** Writes the hash of everything updated so far and resets. */
    void digest(byte[] out, int outOff);

    default byte[] digest(byte[] message) {
        update(message, 0, message.length);
        byte[] out = new byte[length()];
        digest(out, 0);
        return out;
    }
}
