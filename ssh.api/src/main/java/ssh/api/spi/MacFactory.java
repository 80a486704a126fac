package ssh.api.spi;

import ssh.api.SshException;

/** A MAC for the binary packet protocol ({@code hmac-sha2-256}, {@code hmac-sha2-256-etm@openssh.com}). */
public interface MacFactory extends AlgorithmFactory {
    /** Key bytes to derive. */
    int keyLength();

    /** Bytes of MAC appended to each packet. */
    int macLength();

    /** Whether the MAC covers the ciphertext (encrypt-then-MAC) rather than the plaintext. */
    boolean isEncryptThenMac();

    /** A MAC for one direction, keyed with the derived key. */
    PacketMac create(byte[] key, CryptoProvider crypto) throws SshException;
}
