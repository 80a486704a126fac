package ssh.api.spi;

import ssh.api.SshException;

/**
 * A cipher for the binary packet protocol ({@code aes128-ctr}, {@code chacha20-poly1305@openssh.com}).
 * It reports the sizes the transport needs for key derivation and framing, and creates one
 * {@link PacketCipher} per direction per key exchange.
 */
public interface CipherFactory extends AlgorithmFactory {
    /** Key bytes to derive (RFC 4253 section 7.2). */
    int keyLength();

    /** IV bytes to derive; 0 when the cipher takes none. */
    int ivLength();

    /** The cipher block size, at least 8; packets are padded to a multiple of it. */
    int blockSize();

    /** Authentication tag bytes for an AEAD cipher; 0 otherwise, in which case a MAC is negotiated. */
    int tagLength();

    /** Whether this cipher authenticates packets itself, so the negotiated MAC is ignored. */
    default boolean isAead() {
        return tagLength() > 0;
    }

    /** A cipher for one direction, keyed with the derived key and IV. */
    PacketCipher create(boolean encrypt, byte[] key, byte[] iv, CryptoProvider crypto) throws SshException;
}
