package ssh.api.spi;

import ssh.api.SshException;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;

/**
 * A public-key signature algorithm, used for host keys and for user keys
 * ({@code ssh-ed25519}, {@code rsa-sha2-512}, {@code ecdsa-sha2-nistp256}).
 */
public interface PublicKeyAlgorithmFactory extends AlgorithmFactory {
    /** The type name inside the key blob; {@code "ssh-rsa"} for {@code rsa-sha2-256} and {@code rsa-sha2-512}. */
    String keyType();

    /** Signs {@code data}; returns the signature blob (algorithm name, then the signature). */
    byte[] sign(SshKeyPair key, byte[] data, CryptoProvider crypto) throws SshException;

    /**
     * Whether {@code signatureBlob} is this algorithm's valid signature of {@code data} by
     * {@code key}. A malformed key or signature blob is an exception, a wrong signature {@code false}.
     */
    boolean verify(SshPublicKey key, byte[] data, byte[] signatureBlob, CryptoProvider crypto) throws SshException;
}
