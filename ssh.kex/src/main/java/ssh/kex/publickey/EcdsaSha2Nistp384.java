package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code ecdsa-sha2-nistp384} (RFC 5656): ECDSA over NIST P-384 with SHA-384. */
public final class EcdsaSha2Nistp384 extends SignatureAlgorithm {
    public EcdsaSha2Nistp384() {
        super(PublicKeyNames.ECDSA_SHA2_NISTP384, PublicKeyNames.ECDSA_SHA2_NISTP384, Primitive.ECDSA_P384);
    }
}
