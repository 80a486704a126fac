package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code ssh-dss} (RFC 4253), legacy: DSA signatures with SHA-1 by 1024-bit keys. */
public final class SshDss extends SignatureAlgorithm {
    public SshDss() {
        super(PublicKeyNames.SSH_DSS, PublicKeyNames.SSH_DSS, Primitive.DSA);
    }
}
