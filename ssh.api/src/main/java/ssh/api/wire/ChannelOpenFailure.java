package ssh.api.wire;

/** Reason codes of SSH_MSG_CHANNEL_OPEN_FAILURE (RFC 4250 section 4.3). */
public final class ChannelOpenFailure {
    private ChannelOpenFailure() {
    }

    public static final int ADMINISTRATIVELY_PROHIBITED = 1;
    public static final int CONNECT_FAILED = 2;
    public static final int UNKNOWN_CHANNEL_TYPE = 3;
    public static final int RESOURCE_SHORTAGE = 4;

    /** The RFC name without its {@code SSH_OPEN_} prefix, or {@code "UNKNOWN(n)"}. */
    public static String name(int code) {
        return switch (code) {
            case ADMINISTRATIVELY_PROHIBITED -> "ADMINISTRATIVELY_PROHIBITED";
            case CONNECT_FAILED -> "CONNECT_FAILED";
            case UNKNOWN_CHANNEL_TYPE -> "UNKNOWN_CHANNEL_TYPE";
            case RESOURCE_SHORTAGE -> "RESOURCE_SHORTAGE";
            default -> "UNKNOWN(" + Integer.toUnsignedString(code) + ")";
        };
    }
}
