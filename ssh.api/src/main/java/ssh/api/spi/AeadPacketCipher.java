package ssh.api.spi;

import ssh.api.SshException;
import ssh.api.SshMacException;

/**
 * An authenticated cipher that frames whole packets: it decides whether the 4-byte length field
 * is encrypted ({@code chacha20-poly1305@openssh.com}) or only authenticated ({@code aes*-gcm}).
 */
public non-sealed interface AeadPacketCipher extends PacketCipher {
    /** Reads the packet length from the first 4 bytes at {@code off}, decrypting it if needed; does not modify them. */
    int packetLength(int sequenceNumber, byte[] buf, int off);

    /**
     * Encrypts in place the packet at {@code off} ({@code len} bytes: length field, padding
     * length, payload, padding) and writes the tag right after it.
     */
    void seal(int sequenceNumber, byte[] buf, int off, int len) throws SshException;

    /**
     * Verifies the tag after the {@code len} bytes at {@code off} ({@link SshMacException} if it does
     * not), then decrypts them in place; afterwards all {@code len} bytes, length field included, are
     * plaintext.
     */
    void open(int sequenceNumber, byte[] buf, int off, int len) throws SshException;
}
