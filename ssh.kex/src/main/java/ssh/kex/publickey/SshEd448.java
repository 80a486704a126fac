package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code ssh-ed448} (RFC 8709): Ed448 signatures. */
public final class SshEd448 extends SignatureAlgorithm {
    public SshEd448() {
        super(PublicKeyNames.SSH_ED448, PublicKeyNames.SSH_ED448, Primitive.ED448);
    }
}
