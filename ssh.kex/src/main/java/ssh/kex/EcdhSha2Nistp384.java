package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code ecdh-sha2-nistp384} (RFC 5656): ECDH over NIST P-384 with SHA-384. */
public final class EcdhSha2Nistp384 extends EcdhKex {
    public EcdhSha2Nistp384() {
        super(KexNames.ECDH_SHA2_NISTP384, Primitive.SHA384, Primitive.ECDH_P384, 97);
    }
}
