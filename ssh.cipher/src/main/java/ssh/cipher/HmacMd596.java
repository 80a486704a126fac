package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-md5-96}: HMAC-MD5 truncated to 96 bits (RFC 4253); legacy. */
public final class HmacMd596 extends HmacFactory {
    public HmacMd596() {
        super(MacNames.HMAC_MD5_96, Primitive.HMAC_MD5, 16, 12, false);
    }
}
