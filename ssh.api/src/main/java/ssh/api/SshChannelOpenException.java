package ssh.api;

/** The peer refused to open a channel; carries the RFC 4254 failure reason code. */
public final class SshChannelOpenException extends SshException {
    private static final long serialVersionUID = 1L;

    private final int failureCode;

    public SshChannelOpenException(int failureCode, String description) {
        super(0, "channel open failed: " + ssh.api.wire.ChannelOpenFailure.name(failureCode)
                + (description.isEmpty() ? "" : ": " + description), null);
        this.failureCode = failureCode;
    }

    /** The reason code from SSH_MSG_CHANNEL_OPEN_FAILURE (see {@link ssh.api.wire.ChannelOpenFailure}). */
    public int failureCode() {
        return failureCode;
    }
}
