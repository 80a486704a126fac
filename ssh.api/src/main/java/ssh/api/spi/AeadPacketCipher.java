package ssh.api.spi;

import ssh.api.SshException;
import ssh.api.SshMacException;
import ssh.api.crypto.Gather;

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

    /**
     * Seals a packet whose 4-byte length field is at {@code buf[off]} and whose remaining plaintext
     * (padding-length byte, payload, padding) comes from {@code rest}, none of whose slices may
     * overlap the packet in {@code buf} (length field and tag included): the result is what copying {@code rest} to
     * {@code buf[off+4]} and calling {@link #seal(int, byte[], int, int)} on the
     * {@code 4 + rest.length()} bytes gives, which is what this default does. An implementation that
     * can encrypt from the slices where they are overrides it to save that copy.
     */
    default void seal(int sequenceNumber, byte[] buf, int off, Gather rest) throws SshException {
        rest.copyTo(buf, off + 4);
        seal(sequenceNumber, buf, off, 4 + rest.length());
    }

    /**
     * Verifies the tag after the {@code len} bytes at {@code in[off]} ({@link SshMacException} if it
     * does not), then writes the plaintext of the packet after its length field, {@code len - 4}
     * bytes, to {@code out[outOff]}, which may be in {@code in} itself, overlapping it in any way.
     * Afterwards {@code in[off, off+len)} is unspecified (this default opens it in place and
     * copies); an implementation that can decrypt into another array overrides it to save that copy.
     */
    default void open(int sequenceNumber, byte[] in, int off, int len, byte[] out, int outOff) throws SshException {
        if (len < 4 || outOff < 0 || outOff > out.length - (len - 4)) {
            throw new IllegalArgumentException("plaintext of a " + len + "-byte packet at " + outOff
                    + " does not fit a buffer of " + out.length);
        }
        open(sequenceNumber, in, off, len);
        System.arraycopy(in, off + 4, out, outOff, len - 4);
    }
}
