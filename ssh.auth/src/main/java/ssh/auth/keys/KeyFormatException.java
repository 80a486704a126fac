package ssh.auth.keys;

import ssh.api.SshException;

/**
 * A key file (an OpenSSH private key, a {@code .pub} line, an authorized_keys line) does not have
 * the format it must have, or uses a feature secsh does not support; the message says what is wrong.
 */
public class KeyFormatException extends SshException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message names what is wrong with the key file. */
    public KeyFormatException(String message) {
        super(message);
    }

    /** An exception whose message names what is wrong, caused by {@code cause}. */
    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
