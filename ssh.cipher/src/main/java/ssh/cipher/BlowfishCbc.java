package ssh.cipher;

import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.Primitive;

/**
 * {@code blowfish-cbc}: Blowfish with a 128-bit key in CBC mode (RFC 4253);
 * legacy, with a 64-bit block.
 */
public final class BlowfishCbc extends BlockCipherFactory {
    public BlowfishCbc() {
        super(CipherNames.BLOWFISH_CBC, Primitive.BLOWFISH_CBC, 16, 8, 8);
    }
}
