package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-sha2-256-etm@openssh.com}: HMAC-SHA-256 over the encrypted packet (OpenSSH's encrypt-then-MAC). */
public final class HmacSha2256Etm extends HmacFactory {
    public HmacSha2256Etm() {
        super(MacNames.HMAC_SHA2_256_ETM, Primitive.HMAC_SHA256, 32, 32, true);
    }
}
