package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code mlkem768x25519-sha256} (draft-ietf-sshm-mlkem-hybrid-kex): ML-KEM-768 with X25519 and SHA-256. */
public final class Mlkem768X25519Sha256 extends HybridKex {
    public Mlkem768X25519Sha256() {
        super(KexNames.MLKEM768X25519_SHA256, Primitive.SHA256, Primitive.ML_KEM_768, 1184, 1088, Primitive.X25519, 32);
    }
}
