package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code curve448-sha512} (RFC 8731): X448 with SHA-512. */
public final class Curve448Sha512 extends EcdhKex {
    public Curve448Sha512() {
        super(KexNames.CURVE448_SHA512, Primitive.SHA512, Primitive.X448, 56);
    }
}
