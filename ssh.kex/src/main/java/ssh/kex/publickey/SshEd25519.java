package ssh.kex.publickey;

import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.Primitive;

/** {@code ssh-ed25519} (RFC 8709): Ed25519 signatures. */
public final class SshEd25519 extends SignatureAlgorithm {
    public SshEd25519() {
        super(PublicKeyNames.SSH_ED25519, PublicKeyNames.SSH_ED25519, Primitive.ED25519);
    }
}
