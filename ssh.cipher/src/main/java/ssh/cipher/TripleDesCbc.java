package ssh.cipher;

import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.Primitive;

/**
 * {@code 3des-cbc}: three-key 3DES (EDE) in CBC mode (RFC 4253);
 * legacy, with a 64-bit block.
 */
public final class TripleDesCbc extends BlockCipherFactory {
    public TripleDesCbc() {
        super(CipherNames.TRIPLE_DES_CBC, Primitive.TRIPLE_DES_CBC, 24, 8, 8);
    }
}
