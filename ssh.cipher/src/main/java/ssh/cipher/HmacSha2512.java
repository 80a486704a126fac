package ssh.cipher;

import ssh.api.algorithms.MacNames;
import ssh.api.crypto.Primitive;

/** {@code hmac-sha2-512}: HMAC-SHA-512 over the plaintext packet (RFC 6668). */
public final class HmacSha2512 extends HmacFactory {
    public HmacSha2512() {
        super(MacNames.HMAC_SHA2_512, Primitive.HMAC_SHA512, 64, 64, false);
    }
}
