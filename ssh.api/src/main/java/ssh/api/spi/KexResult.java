package ssh.api.spi;

import ssh.api.crypto.Secret;
import ssh.api.crypto.SshPublicKey;

/**
 * The outcome of a key exchange: the exchange hash H, the shared secret K already encoded as it is
 * hashed (an mpint for classic methods, a string for the hybrid post-quantum ones), and the
 * server's host key with its signature over H.
 */
public record KexResult(byte[] exchangeHash, Secret encodedSharedSecret, SshPublicKey hostKey, byte[] signature) {
    @Override
    public String toString() {
        return "KexResult[" + hostKey + "]";
    }
}
