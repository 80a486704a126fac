package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/**
 * {@code mlkem1024nistp384-sha384} (draft-ietf-sshm-mlkem-hybrid-kex):
 * ML-KEM-1024 with ECDH P-384 and SHA-384.
 */
public final class Mlkem1024Nistp384Sha384 extends HybridKex {
    public Mlkem1024Nistp384Sha384() {
        super(KexNames.MLKEM1024NISTP384_SHA384,
                Primitive.SHA384, Primitive.ML_KEM_1024, 1568, 1568, Primitive.ECDH_P384, 97);
    }
}
