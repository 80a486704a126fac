package ssh.api.spi;

/** A non-authenticating cipher (CTR, CBC): encrypts or decrypts whole blocks in place. */
public non-sealed interface BlockPacketCipher extends PacketCipher {
    /** Transforms {@code len} bytes (a multiple of the block size) at {@code off}, in place. */
    void update(byte[] buf, int off, int len);
}
