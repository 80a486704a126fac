package ssh.cipher;

import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.Primitive;

/** {@code aes128-ctr}: AES with a 128-bit key in counter mode (RFC 4344). */
public final class Aes128Ctr extends BlockCipherFactory {
    public Aes128Ctr() {
        super(CipherNames.AES128_CTR, Primitive.AES_CTR, 16, 16, 16);
    }
}
