package ssh.transport;

import ssh.api.spi.AeadPacketCipher;
import ssh.api.spi.BlockPacketCipher;
import ssh.api.spi.PacketCipher;
import ssh.api.spi.PacketMac;

/**
 * One direction's keys between two NEWKEYS: either an AEAD cipher, or a block cipher (or none)
 * with a MAC (or none), and the sizes packet framing needs.
 */
record PacketKeys(BlockPacketCipher block, AeadPacketCipher aead, PacketMac mac, int macLength, int tagLength,
        boolean encryptThenMac, int blockSize) {
    /** Before the first NEWKEYS: no cipher, no MAC, 8-byte alignment. */
    static final PacketKeys NONE = new PacketKeys(null, null, null, 0, 0, false, 8);

    static PacketKeys of(PacketCipher cipher, int cipherBlockSize, int tagLength, PacketMac mac, int macLength,
            boolean encryptThenMac) {
        return new PacketKeys(cipher instanceof BlockPacketCipher b ? b : null,
                cipher instanceof AeadPacketCipher a ? a : null, mac, mac == null ? 0 : macLength, tagLength,
                encryptThenMac, Math.max(8, cipherBlockSize));
    }

    /** Bytes after the packet: the AEAD tag or the MAC. */
    int trailerLength() {
        return aead != null ? tagLength : macLength;
    }

    /** Whether the length field is outside the padded, encrypted part (AEAD and encrypt-then-MAC). */
    boolean lengthOutside() {
        return aead != null || encryptThenMac;
    }

    /** Wipes the keys. */
    void close() {
        if (block != null) {
            block.close();
        }
        if (aead != null) {
            aead.close();
        }
        if (mac != null) {
            mac.close();
        }
    }
}
