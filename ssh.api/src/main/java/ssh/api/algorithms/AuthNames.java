package ssh.api.algorithms;

import java.util.List;

/** User-authentication method names (RFC 4252, RFC 4256), with the default lists. */
public final class AuthNames {
    private AuthNames() {
    }

    public static final String NONE = "none";
    public static final String PUBLICKEY = "publickey";
    public static final String PASSWORD = "password";
    public static final String KEYBOARD_INTERACTIVE = "keyboard-interactive";

    public static final List<String> SUPPORTED = List.of(PUBLICKEY, KEYBOARD_INTERACTIVE, PASSWORD, NONE);

    /** OpenSSH's PreferredAuthentications, less GSSAPI and host-based. */
    public static final List<String> CLIENT_DEFAULTS = List.of(PUBLICKEY, KEYBOARD_INTERACTIVE, PASSWORD);

    /** Methods a server enables unless configured otherwise. */
    public static final List<String> SERVER_DEFAULTS = List.of(PUBLICKEY, KEYBOARD_INTERACTIVE, PASSWORD);

    public static final List<String> INSECURE = List.of();
}
