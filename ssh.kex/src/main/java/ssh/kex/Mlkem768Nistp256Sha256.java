package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/**
 * {@code mlkem768nistp256-sha256} (draft-ietf-sshm-mlkem-hybrid-kex):
 * ML-KEM-768 with ECDH P-256 and SHA-256.
 */
public final class Mlkem768Nistp256Sha256 extends HybridKex {
    public Mlkem768Nistp256Sha256() {
        super(KexNames.MLKEM768NISTP256_SHA256,
                Primitive.SHA256, Primitive.ML_KEM_768, 1184, 1088, Primitive.ECDH_P256, 65);
    }
}
