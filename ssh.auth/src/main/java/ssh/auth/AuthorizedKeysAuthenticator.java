package ssh.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import ssh.api.crypto.SshPublicKey;
import ssh.auth.keys.AuthorizedKeys;
import ssh.auth.keys.KeyOptions;

/** {@link PublicKeyAuthenticator#authorizedKeys}: one authorized_keys file per user. */
final class AuthorizedKeysAuthenticator implements PublicKeyAuthenticator {
    private static final System.Logger LOG = System.getLogger(AuthorizedKeysAuthenticator.class.getName());

    private final Function<String, Path> fileOfUser;

    AuthorizedKeysAuthenticator(Function<String, Path> fileOfUser) {
        this.fileOfUser = fileOfUser;
    }

    @Override
    public Optional<KeyOptions> authorize(String user, SshPublicKey key, String clientAddress) throws IOException {
        Path file = fileOfUser.apply(user);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        AuthorizedKeys keys;
        try {
            keys = AuthorizedKeys.load(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Optional<KeyOptions> options = keys.find(key).map(AuthorizedKeys.AuthorizedKey::options);
        if (options.isPresent() && options.get().expiredAt(Instant.now())) {
            LOG.log(System.Logger.Level.DEBUG, "{0} key for {1} has expired (expiry-time)", key.type(), user);
            return Optional.empty();
        }
        if (options.isPresent() && !options.get().allowsFrom(clientAddress)) {
            LOG.log(System.Logger.Level.DEBUG, "{0} key for {1} is not allowed from {2} (from=)", key.type(), user,
                    clientAddress);
            return Optional.empty();
        }
        return options;
    }
}
