package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code sntrup761x25519-sha512} (RFC 9941, OpenSSH): Streamlined NTRU Prime sntrup761 with X25519 and SHA-512. */
public final class Sntrup761X25519Sha512 extends HybridKex {
    public Sntrup761X25519Sha512() {
        super(KexNames.SNTRUP761X25519_SHA512, Primitive.SHA512, Primitive.SNTRUP761, 1158, 1039, Primitive.X25519, 32);
    }
}
