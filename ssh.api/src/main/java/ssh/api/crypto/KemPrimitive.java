package ssh.api.crypto;

import ssh.api.SshCryptoException;

/**
 * A key-encapsulation mechanism (ML-KEM, sntrup761). The client makes a key pair and sends the
 * public key; the server encapsulates to it; the client decapsulates the ciphertext.
 */
public interface KemPrimitive {
    /** A fresh key pair; returns the encoded public (encapsulation) key and keeps the private one. */
    byte[] generateKeyPair() throws SshCryptoException;

    /** Uses a known private key in the algorithm's standard encoding (FIPS 203's expanded decapsulation key). */
    void setPrivateKey(byte[] privateKey) throws SshCryptoException;

    /** Encapsulates a fresh secret to {@code publicKey}; refuses malformed keys. */
    Encapsulation encapsulate(byte[] publicKey) throws SshCryptoException;

    /** The secret inside {@code ciphertext}, under the private key of this object; refuses wrong sizes. */
    Secret decapsulate(byte[] ciphertext) throws SshCryptoException;

    /** A ciphertext and the secret it carries. */
    record Encapsulation(byte[] ciphertext, Secret secret) {
        @Override
        public String toString() {
            return "Encapsulation[" + ciphertext.length + " bytes, secret redacted]";
        }
    }
}
