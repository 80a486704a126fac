package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-sha2-256}: HMAC-SHA-256 over the plaintext packet (RFC 6668). */
public final class HmacSha2256 extends HmacFactory {
    public HmacSha2256() {
        super(MacNames.HMAC_SHA2_256, Primitive.HMAC_SHA256, 32, 32, false);
    }
}
