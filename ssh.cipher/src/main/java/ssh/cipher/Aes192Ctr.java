package ssh.cipher;

import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.Primitive;

/** {@code aes192-ctr}: AES with a 192-bit key in counter mode (RFC 4344). */
public final class Aes192Ctr extends BlockCipherFactory {
    public Aes192Ctr() {
        super(CipherNames.AES192_CTR, Primitive.AES_CTR, 24, 16, 16);
    }
}
