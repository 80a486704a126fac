package ssh.api;

/** A blocking operation did not complete within its timeout. */
public final class SshTimeoutException extends SshException {
    private static final long serialVersionUID = 1L;

    public SshTimeoutException(String message) {
        super(message);
    }
}
