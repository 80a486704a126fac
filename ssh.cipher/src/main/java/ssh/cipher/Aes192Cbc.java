package ssh.cipher;

import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.Primitive;

/**
 * {@code aes192-cbc}: AES with a 192-bit key in CBC mode (RFC 4253);
 * legacy, open to the 2009 CBC plaintext-recovery attack.
 */
public final class Aes192Cbc extends BlockCipherFactory {
    public Aes192Cbc() {
        super(CipherNames.AES192_CBC, Primitive.AES_CBC, 24, 16, 16);
    }
}
