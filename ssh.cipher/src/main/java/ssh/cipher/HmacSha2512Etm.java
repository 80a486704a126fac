package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-sha2-512-etm@openssh.com}: HMAC-SHA-512 over the encrypted packet (OpenSSH's encrypt-then-MAC). */
public final class HmacSha2512Etm extends HmacFactory {
    public HmacSha2512Etm() {
        super(MacNames.HMAC_SHA2_512_ETM, Primitive.HMAC_SHA512, 64, 64, true);
    }
}
