package ssh.auth.agent;

import java.util.Objects;
import ssh.api.crypto.SshPublicKey;

/**
 * One key the ssh-agent holds: its public key (of any type, including types secsh cannot use)
 * and the comment it was added with.
 *
 * @param key the public key; its type is the name at the start of the blob
 * @param comment the comment, possibly empty
 */
public record Identity(SshPublicKey key, String comment) {
    /** Checks that neither component is null. */
    public Identity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(comment, "comment");
    }
}
