package ssh.api.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A public key in SSH's own encoding (RFC 4253 section 6.6): the key-type name and the whole
 * blob, which starts with that name. The blob is provider-neutral, so any provider can use it.
 */
public final class SshPublicKey {
    private final String type;
    private final byte[] blob;

    public SshPublicKey(String type, byte[] blob) {
        this.type = Objects.requireNonNull(type);
        this.blob = blob.clone();
    }

    /** The key type, e.g. {@code "ssh-ed25519"} or {@code "ssh-rsa"}. */
    public String type() {
        return type;
    }

    /** A copy of the public key blob. */
    public byte[] blob() {
        return blob.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshPublicKey k && type.equals(k.type) && Arrays.equals(blob, k.blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return "SshPublicKey[" + type + ", " + blob.length + " bytes]";
    }
}
