package ssh.api.wire;

/** Reason codes of SSH_MSG_DISCONNECT (RFC 4250 section 4.2.2). */
public final class DisconnectReason {
    private DisconnectReason() {
    }

    public static final int HOST_NOT_ALLOWED_TO_CONNECT = 1;
    public static final int PROTOCOL_ERROR = 2;
    public static final int KEY_EXCHANGE_FAILED = 3;
    public static final int RESERVED = 4;
    public static final int MAC_ERROR = 5;
    public static final int COMPRESSION_ERROR = 6;
    public static final int SERVICE_NOT_AVAILABLE = 7;
    public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 8;
    public static final int HOST_KEY_NOT_VERIFIABLE = 9;
    public static final int CONNECTION_LOST = 10;
    public static final int BY_APPLICATION = 11;
    public static final int TOO_MANY_CONNECTIONS = 12;
    public static final int AUTH_CANCELLED_BY_USER = 13;
    public static final int NO_MORE_AUTH_METHODS_AVAILABLE = 14;
    public static final int ILLEGAL_USER_NAME = 15;

    private static final String[] NAMES = {
        null, "HOST_NOT_ALLOWED_TO_CONNECT", "PROTOCOL_ERROR", "KEY_EXCHANGE_FAILED", "RESERVED",
        "MAC_ERROR", "COMPRESSION_ERROR", "SERVICE_NOT_AVAILABLE", "PROTOCOL_VERSION_NOT_SUPPORTED",
        "HOST_KEY_NOT_VERIFIABLE", "CONNECTION_LOST", "BY_APPLICATION", "TOO_MANY_CONNECTIONS",
        "AUTH_CANCELLED_BY_USER", "NO_MORE_AUTH_METHODS_AVAILABLE", "ILLEGAL_USER_NAME",
    };

    /** The RFC name without its {@code SSH_DISCONNECT_} prefix, or {@code "UNKNOWN(n)"}. */
    public static String name(int code) {
        return code > 0 && code < NAMES.length ? NAMES[code] : "UNKNOWN(" + Integer.toUnsignedString(code) + ")";
    }
}
