package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code ecdsa-sha2-nistp256} (RFC 5656): ECDSA over NIST P-256 with SHA-256. */
public final class EcdsaSha2Nistp256 extends SignatureAlgorithm {
    public EcdsaSha2Nistp256() {
        super(PublicKeyNames.ECDSA_SHA2_NISTP256, PublicKeyNames.ECDSA_SHA2_NISTP256, Primitive.ECDSA_P256);
    }
}
