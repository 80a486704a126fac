package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code ecdh-sha2-nistp521} (RFC 5656): ECDH over NIST P-521 with SHA-512. */
public final class EcdhSha2Nistp521 extends EcdhKex {
    public EcdhSha2Nistp521() {
        super(KexNames.ECDH_SHA2_NISTP521, Primitive.SHA512, Primitive.ECDH_P521, 133);
    }
}
