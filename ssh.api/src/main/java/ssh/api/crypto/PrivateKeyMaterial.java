package ssh.api.crypto;

import java.math.BigInteger;

/**
 * A private key as raw components, with its public part, the same for every provider. Never
 * printed: each {@code toString()} names the kind only.
 */
public sealed interface PrivateKeyMaterial {
    /** The public half. */
    PublicKeyMaterial publicKey();

    /** Ed25519 (32-byte) or Ed448 (57-byte) seed, as RFC 8032 calls the private key. */
    record Edwards(Secret seed, byte[] publicKeyBytes) implements PrivateKeyMaterial {
        @Override
        public PublicKeyMaterial publicKey() {
            return new PublicKeyMaterial.Edwards(publicKeyBytes);
        }

        @Override
        public String toString() {
            return "PrivateKeyMaterial.Edwards[redacted]";
        }
    }

    /** A NIST-curve scalar (big-endian) with its public point. */
    record Ec(Secret scalar, byte[] point) implements PrivateKeyMaterial {
        @Override
        public PublicKeyMaterial publicKey() {
            return new PublicKeyMaterial.Ec(point);
        }

        @Override
        public String toString() {
            return "PrivateKeyMaterial.Ec[redacted]";
        }
    }

    /** RSA with the CRT values OpenSSH keeps (n, e, d, iqmp, p, q). */
    record Rsa(BigInteger modulus, BigInteger publicExponent, BigInteger privateExponent, BigInteger p,
            BigInteger q, BigInteger crtCoefficient) implements PrivateKeyMaterial {
        @Override
        public PublicKeyMaterial publicKey() {
            return new PublicKeyMaterial.Rsa(modulus, publicExponent);
        }

        @Override
        public String toString() {
            return "PrivateKeyMaterial.Rsa[" + modulus.bitLength() + " bits, redacted]";
        }
    }

    record Dsa(BigInteger p, BigInteger q, BigInteger g, BigInteger y, BigInteger x) implements PrivateKeyMaterial {
        @Override
        public PublicKeyMaterial publicKey() {
            return new PublicKeyMaterial.Dsa(p, q, g, y);
        }

        @Override
        public String toString() {
            return "PrivateKeyMaterial.Dsa[redacted]";
        }
    }
}
