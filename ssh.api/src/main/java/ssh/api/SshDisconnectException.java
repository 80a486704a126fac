package ssh.api;

/** The peer sent SSH_MSG_DISCONNECT; carries its reason code and description. */
public final class SshDisconnectException extends SshException {
    private static final long serialVersionUID = 1L;

    private final String description;

    public SshDisconnectException(int reasonCode, String description) {
        super(reasonCode, "disconnected by peer: " + ssh.api.wire.DisconnectReason.name(reasonCode)
                + (description.isEmpty() ? "" : ": " + description), null);
        this.description = description;
    }

    /** The human-readable text the peer sent (may be empty). */
    public String description() {
        return description;
    }
}
