package ssh.cipher;

import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.Primitive;

/**
 * {@code aes128-cbc}: AES with a 128-bit key in CBC mode (RFC 4253);
 * legacy, open to the 2009 CBC plaintext-recovery attack.
 */
public final class Aes128Cbc extends BlockCipherFactory {
    public Aes128Cbc() {
        super(CipherNames.AES128_CBC, Primitive.AES_CBC, 16, 16, 16);
    }
}
