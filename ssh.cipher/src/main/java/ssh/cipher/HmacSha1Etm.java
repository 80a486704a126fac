package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-sha1-etm@openssh.com}: HMAC-SHA-1 over the encrypted packet (OpenSSH's encrypt-then-MAC). */
public final class HmacSha1Etm extends HmacFactory {
    public HmacSha1Etm() {
        super(MacNames.HMAC_SHA1_ETM, Primitive.HMAC_SHA1, 20, 20, true);
    }
}
