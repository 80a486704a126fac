package ssh.api;

/**
 * A crypto primitive refused its input: a wrong key size, a public value that is not on the curve
 * or in the group, a malformed key encoding, or an operation the provider cannot do.
 */
public class SshCryptoException extends SshException {
    private static final long serialVersionUID = 1L;

    public SshCryptoException(String message) {
        super(message);
    }

    public SshCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
