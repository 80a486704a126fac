package ssh.api;

import ssh.api.wire.DisconnectReason;

/** The server's host key was rejected by the verifier, or its signature did not verify. */
public final class SshHostKeyException extends SshException {
    private static final long serialVersionUID = 1L;

    public SshHostKeyException(String message) {
        super(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, message, null);
    }

    public SshHostKeyException(String message, Throwable cause) {
        super(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, message, cause);
    }
}
