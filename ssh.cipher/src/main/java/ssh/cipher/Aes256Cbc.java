package ssh.cipher;

import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.Primitive;

/**
 * {@code aes256-cbc}: AES with a 256-bit key in CBC mode (RFC 4253);
 * legacy, open to the 2009 CBC plaintext-recovery attack.
 */
public final class Aes256Cbc extends BlockCipherFactory {
    public Aes256Cbc() {
        super(CipherNames.AES256_CBC, Primitive.AES_CBC, 32, 16, 16);
    }
}
