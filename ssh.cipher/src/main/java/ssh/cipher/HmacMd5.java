package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-md5}: HMAC-MD5 (RFC 4253); legacy. */
public final class HmacMd5 extends HmacFactory {
    public HmacMd5() {
        super(MacNames.HMAC_MD5, Primitive.HMAC_MD5, 16, 16, false);
    }
}
