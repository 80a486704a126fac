package ssh.api;

import ssh.api.wire.DisconnectReason;

/**
 * The peer broke the protocol: a malformed message, a message in the wrong state, a bad value.
 * The connection answers with SSH_MSG_DISCONNECT carrying {@link #reasonCode()}.
 */
public class SshProtocolException extends SshException {
    private static final long serialVersionUID = 1L;

    public SshProtocolException(String message) {
        this(DisconnectReason.PROTOCOL_ERROR, message, null);
    }

    public SshProtocolException(int reasonCode, String message) {
        this(reasonCode, message, null);
    }

    public SshProtocolException(int reasonCode, String message, Throwable cause) {
        super(reasonCode, message, cause);
    }
}
