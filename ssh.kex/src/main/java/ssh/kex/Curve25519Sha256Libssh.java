package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code curve25519-sha256@libssh.org}, the pre-RFC name of {@code curve25519-sha256} (RFC 8731). */
public final class Curve25519Sha256Libssh extends EcdhKex {
    public Curve25519Sha256Libssh() {
        super(KexNames.CURVE25519_SHA256_LIBSSH, Primitive.SHA256, Primitive.X25519, 32);
    }
}
