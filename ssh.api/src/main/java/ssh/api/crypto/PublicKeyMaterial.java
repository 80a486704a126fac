package ssh.api.crypto;

import java.math.BigInteger;

/**
 * A public key as raw components, the same for every provider: this is how keys cross from one
 * provider to another. The curve or hash is implied by the {@link Primitive} used with it.
 */
public sealed interface PublicKeyMaterial {
    /** Ed25519 (32 bytes) or Ed448 (57 bytes), encoded as RFC 8032 says. */
    record Edwards(byte[] encoded) implements PublicKeyMaterial {
    }

    /** An ECDSA/ECDH point on a NIST curve in SEC1 uncompressed form (0x04, x, y). */
    record Ec(byte[] point) implements PublicKeyMaterial {
    }

    record Rsa(BigInteger modulus, BigInteger publicExponent) implements PublicKeyMaterial {
    }

    record Dsa(BigInteger p, BigInteger q, BigInteger g, BigInteger y) implements PublicKeyMaterial {
    }
}
