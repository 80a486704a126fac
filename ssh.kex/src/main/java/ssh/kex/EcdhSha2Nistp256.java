package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code ecdh-sha2-nistp256} (RFC 5656): ECDH over NIST P-256 with SHA-256. */
public final class EcdhSha2Nistp256 extends EcdhKex {
    public EcdhSha2Nistp256() {
        super(KexNames.ECDH_SHA2_NISTP256, Primitive.SHA256, Primitive.ECDH_P256, 65);
    }
}
