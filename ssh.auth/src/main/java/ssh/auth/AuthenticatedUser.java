package ssh.auth;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of the server's user authentication: who logged in, with which methods, and what
 * the credentials carry for the session (such as an authorized_keys line's options).
 *
 * @param user the user name the client authenticated as
 * @param methods the methods that succeeded, in order
 * @param attributes what the successful methods granted, in order
 */
public record AuthenticatedUser(String user, List<String> methods, List<Object> attributes) {
    /** Copies the lists. */
    public AuthenticatedUser {
        methods = List.copyOf(methods);
        attributes = List.copyOf(attributes);
    }

    /** The last attribute of type {@code type} that a method granted, if any. */
    public <T> Optional<T> attribute(Class<T> type) {
        return attributes.reversed().stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
