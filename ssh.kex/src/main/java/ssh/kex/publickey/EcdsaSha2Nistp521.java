package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code ecdsa-sha2-nistp521} (RFC 5656): ECDSA over NIST P-521 with SHA-512. */
public final class EcdsaSha2Nistp521 extends SignatureAlgorithm {
    public EcdsaSha2Nistp521() {
        super(PublicKeyNames.ECDSA_SHA2_NISTP521, PublicKeyNames.ECDSA_SHA2_NISTP521, Primitive.ECDSA_P521);
    }
}
