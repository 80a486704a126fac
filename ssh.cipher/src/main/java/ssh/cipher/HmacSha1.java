package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-sha1}: HMAC-SHA-1 over the plaintext packet (RFC 4253). */
public final class HmacSha1 extends HmacFactory {
    public HmacSha1() {
        super(MacNames.HMAC_SHA1, Primitive.HMAC_SHA1, 20, 20, false);
    }
}
