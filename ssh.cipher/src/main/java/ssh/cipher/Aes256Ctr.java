package ssh.cipher;

import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.Primitive;

/** {@code aes256-ctr}: AES with a 256-bit key in counter mode (RFC 4344). */
public final class Aes256Ctr extends BlockCipherFactory {
    public Aes256Ctr() {
        super(CipherNames.AES256_CTR, Primitive.AES_CTR, 32, 16, 16);
    }
}
