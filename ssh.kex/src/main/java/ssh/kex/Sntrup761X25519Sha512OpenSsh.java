package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/**
 * {@code sntrup761x25519-sha512@openssh.com},
 * OpenSSH's original name of {@code sntrup761x25519-sha512}.
 */
public final class Sntrup761X25519Sha512OpenSsh extends HybridKex {
    public Sntrup761X25519Sha512OpenSsh() {
        super(KexNames.SNTRUP761X25519_SHA512_OPENSSH,
                Primitive.SHA512, Primitive.SNTRUP761, 1158, 1039, Primitive.X25519, 32);
    }
}
