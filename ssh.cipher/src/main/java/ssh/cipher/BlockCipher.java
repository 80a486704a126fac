package ssh.cipher;

import ssh.api.crypto.CipherPrimitive;
import ssh.api.spi.BlockPacketCipher;

/** One direction of a CTR or CBC cipher: whole blocks transformed in place, state running on across packets. */
final class BlockCipher implements BlockPacketCipher {
    private final int blockSize;
    private CipherPrimitive cipher;

    BlockCipher(CipherPrimitive cipher, int blockSize) {
        this.cipher = cipher;
        this.blockSize = blockSize;
    }

    @Override
    public void update(byte[] buf, int off, int len) {
        CipherPrimitive c = cipher;
        if (c == null) {
            throw new IllegalStateException("cipher is closed");
        }
        if (len % blockSize != 0) {
            throw new IllegalArgumentException(len + " bytes is not a whole number of " + blockSize + "-byte blocks");
        }
        c.update(buf, off, len, buf, off);
    }

    /** Drops the keyed primitive; {@link CipherPrimitive} offers no way to wipe its key schedule. */
    @Override
    public void close() {
        cipher = null;
    }
}
