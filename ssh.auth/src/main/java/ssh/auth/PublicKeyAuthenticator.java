package ssh.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import ssh.api.crypto.SshPublicKey;
import ssh.auth.keys.KeyOptions;

/**
 * Decides which public keys may log in as which user, for the server's {@code publickey} method.
 * It is asked before any signature is checked; the server checks a signature only for a key it
 * allows.
 */
@FunctionalInterface
public interface PublicKeyAuthenticator {
    /**
     * The options {@code key} may log in as {@code user} with (from {@code clientAddress}), or
     * empty if it may not; {@link KeyOptions#NONE} for a key without restrictions.
     */
    Optional<KeyOptions> authorize(String user, SshPublicKey key, String clientAddress) throws IOException;

    /**
     * Keys from each user's {@code authorized_keys} file, read at every attempt as sshd reads it;
     * a missing file allows nothing. The {@code from=} and {@code expiry-time=} options are
     * enforced here; the rest go with the session to the connection layer.
     */
    static PublicKeyAuthenticator authorizedKeys(Function<String, Path> fileOfUser) {
        return new AuthorizedKeysAuthenticator(fileOfUser);
    }
}
