package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code rsa-sha2-256} (RFC 8332): RSA PKCS#1 v1.5 signatures with SHA-256 by {@code ssh-rsa} keys. */
public final class RsaSha2256 extends SignatureAlgorithm {
    public RsaSha2256() {
        super(PublicKeyNames.RSA_SHA2_256, PublicKeyNames.SSH_RSA, Primitive.RSA_SHA256);
    }
}
