package ssh.api.crypto;

import ssh.api.SshCryptoException;

/**
 * Elliptic-curve Diffie-Hellman (X25519, X448, ECDH over NIST curves) with public values in SSH's
 * encodings: X25519 and X448 raw little-endian u-coordinates (32 and 56 bytes), NIST curves SEC1
 * uncompressed points. Shared secrets come out as X25519/X448 produce them, or as the fixed-length
 * big-endian x-coordinate for NIST curves.
 */
public interface KeyAgreementPrimitive {
    /** Makes a fresh ephemeral key pair and returns its public value. */
    byte[] generateKeyPair() throws SshCryptoException;

    /**
     * Uses {@code privateKey} (a raw scalar) instead of a generated one and returns its public
     * value. Always available for X25519 and X448; for NIST curves only where the provider can
     * derive the point (the JCA cannot, and refuses).
     */
    byte[] setPrivateKey(byte[] privateKey) throws SshCryptoException;

    /**
     * The shared secret with the peer's public value. Points not on the curve, and X25519/X448
     * values that give an all-zero secret (low-order points), are refused.
     */
    Secret agree(byte[] peerPublic) throws SshCryptoException;
}
