package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-sha1-96}: HMAC-SHA-1 truncated to 96 bits (RFC 4253); legacy. */
public final class HmacSha196 extends HmacFactory {
    public HmacSha196() {
        super(MacNames.HMAC_SHA1_96, Primitive.HMAC_SHA1, 20, 12, false);
    }
}
