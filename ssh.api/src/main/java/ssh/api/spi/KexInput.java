package ssh.api.spi;

import ssh.api.crypto.SshPublicKey;

/**
 * What a key exchange hashes and signs with: both identification strings (without CR LF), both
 * KEXINIT payloads, and, on the server, the host key and a signer for the negotiated host-key
 * algorithm (null on the client).
 */
public record KexInput(byte[] clientVersion, byte[] serverVersion, byte[] clientKexInit, byte[] serverKexInit,
        HostKeySigner hostKeySigner) {

    /** Signs the exchange hash with the server's host key. */
    public interface HostKeySigner {
        SshPublicKey publicKey();

        /** The signature blob over {@code exchangeHash}. */
        byte[] sign(byte[] exchangeHash) throws ssh.api.SshException;
    }
}
