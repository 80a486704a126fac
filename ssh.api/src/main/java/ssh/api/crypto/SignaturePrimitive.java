package ssh.api.crypto;

import ssh.api.SshCryptoException;

/**
 * A signature scheme over raw key components. Signatures are raw: Ed25519/Ed448 as RFC 8032
 * defines them, ECDSA and DSA as r||s with each half the size of the group order, RSA as many bytes
 * as the modulus.
 */
public interface SignaturePrimitive {
    byte[] sign(PrivateKeyMaterial key, byte[] data) throws SshCryptoException;

    /** Whether the signature verifies. A key of the wrong kind is an exception; a bad signature is {@code false}. */
    boolean verify(PublicKeyMaterial key, byte[] data, byte[] signature) throws SshCryptoException;
}
