package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code ssh-rsa} (RFC 4253), legacy: RSA PKCS#1 v1.5 signatures with SHA-1. */
public final class SshRsa extends SignatureAlgorithm {
    public SshRsa() {
        super(PublicKeyNames.SSH_RSA, PublicKeyNames.SSH_RSA, Primitive.RSA_SHA1);
    }
}
