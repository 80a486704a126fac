package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code rsa-sha2-512} (RFC 8332): RSA PKCS#1 v1.5 signatures with SHA-512 by {@code ssh-rsa} keys. */
public final class RsaSha2512 extends SignatureAlgorithm {
    public RsaSha2512() {
        super(PublicKeyNames.RSA_SHA2_512, PublicKeyNames.SSH_RSA, Primitive.RSA_SHA512);
    }
}
