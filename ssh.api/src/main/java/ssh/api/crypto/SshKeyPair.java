package ssh.api.crypto;

import java.util.Objects;

/**
 * A key pair in provider-neutral form: the public key blob and the private fields as OpenSSH's
 * {@code openssh-key-v1} private section lays them out for the key type (for Ed25519 the 32-byte
 * public key and the 64-byte seed-and-public value, for RSA n, e, d, iqmp, p, q, and so on).
 */
public final class SshKeyPair implements AutoCloseable {
    private final SshPublicKey publicKey;
    private final Secret privateFields;

    public SshKeyPair(SshPublicKey publicKey, Secret privateFields) {
        this.publicKey = Objects.requireNonNull(publicKey);
        this.privateFields = Objects.requireNonNull(privateFields);
    }

    public SshPublicKey publicKey() {
        return publicKey;
    }

    /** The private fields, without the leading key-type string. */
    public Secret privateFields() {
        return privateFields;
    }

    /** Wipes the private fields. */
    @Override
    public void close() {
        privateFields.destroy();
    }

    @Override
    public String toString() {
        return "SshKeyPair[" + publicKey.type() + "]";
    }
}
