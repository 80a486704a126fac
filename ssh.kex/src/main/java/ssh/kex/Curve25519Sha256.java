package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code curve25519-sha256} (RFC 8731): X25519 with SHA-256. */
public final class Curve25519Sha256 extends EcdhKex {
    public Curve25519Sha256() {
        super(KexNames.CURVE25519_SHA256, Primitive.SHA256, Primitive.X25519, 32);
    }
}
