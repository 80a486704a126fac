package ssh.api.wire;

/**
 * SSH message numbers: RFC 4250 section 4.1, RFC 8308 (EXT_INFO, NEWCOMPRESS), and OpenSSH's
 * transport-level ping extension (PROTOCOL, "ping@openssh.com").
 *
 * <p>Numbers 30-49 and 60-79 are method-specific: their meaning depends on the key exchange or
 * authentication method in progress, so the method that owns them decodes them. The constants
 * below give the common meanings.
 */
public final class MessageNumbers {
    private MessageNumbers() {
    }

    // Transport layer generic (1-19)
    public static final int DISCONNECT = 1;
    public static final int IGNORE = 2;
    public static final int UNIMPLEMENTED = 3;
    public static final int DEBUG = 4;
    public static final int SERVICE_REQUEST = 5;
    public static final int SERVICE_ACCEPT = 6;
    public static final int EXT_INFO = 7;
    public static final int NEWCOMPRESS = 8;

    // Algorithm negotiation (20-29)
    public static final int KEXINIT = 20;
    public static final int NEWKEYS = 21;

    // Key-exchange-method specific (30-49)
    public static final int KEXDH_INIT = 30;
    public static final int KEXDH_REPLY = 31;
    public static final int KEX_ECDH_INIT = 30;
    public static final int KEX_ECDH_REPLY = 31;
    public static final int KEX_HYBRID_INIT = 30;
    public static final int KEX_HYBRID_REPLY = 31;
    public static final int KEX_DH_GEX_REQUEST_OLD = 30;
    public static final int KEX_DH_GEX_GROUP = 31;
    public static final int KEX_DH_GEX_INIT = 32;
    public static final int KEX_DH_GEX_REPLY = 33;
    public static final int KEX_DH_GEX_REQUEST = 34;

    // User authentication generic (50-59)
    public static final int USERAUTH_REQUEST = 50;
    public static final int USERAUTH_FAILURE = 51;
    public static final int USERAUTH_SUCCESS = 52;
    public static final int USERAUTH_BANNER = 53;

    // User-authentication-method specific (60-79)
    public static final int USERAUTH_PK_OK = 60;
    public static final int USERAUTH_PASSWD_CHANGEREQ = 60;
    public static final int USERAUTH_INFO_REQUEST = 60;
    public static final int USERAUTH_INFO_RESPONSE = 61;

    // Connection protocol generic (80-89)
    public static final int GLOBAL_REQUEST = 80;
    public static final int REQUEST_SUCCESS = 81;
    public static final int REQUEST_FAILURE = 82;

    // Channel related (90-127)
    public static final int CHANNEL_OPEN = 90;
    public static final int CHANNEL_OPEN_CONFIRMATION = 91;
    public static final int CHANNEL_OPEN_FAILURE = 92;
    public static final int CHANNEL_WINDOW_ADJUST = 93;
    public static final int CHANNEL_DATA = 94;
    public static final int CHANNEL_EXTENDED_DATA = 95;
    public static final int CHANNEL_EOF = 96;
    public static final int CHANNEL_CLOSE = 97;
    public static final int CHANNEL_REQUEST = 98;
    public static final int CHANNEL_SUCCESS = 99;
    public static final int CHANNEL_FAILURE = 100;

    // OpenSSH transport extension "ping@openssh.com"
    public static final int PING = 192;
    public static final int PONG = 193;

    /**
     * A name for logs and error messages, e.g. {@code "SSH_MSG_KEXINIT (20)"}. Method-specific
     * numbers are named by their range, since only the running method knows their meaning.
     */
    public static String name(int number) {
        String name = switch (number) {
            case DISCONNECT -> "DISCONNECT";
            case IGNORE -> "IGNORE";
            case UNIMPLEMENTED -> "UNIMPLEMENTED";
            case DEBUG -> "DEBUG";
            case SERVICE_REQUEST -> "SERVICE_REQUEST";
            case SERVICE_ACCEPT -> "SERVICE_ACCEPT";
            case EXT_INFO -> "EXT_INFO";
            case NEWCOMPRESS -> "NEWCOMPRESS";
            case KEXINIT -> "KEXINIT";
            case NEWKEYS -> "NEWKEYS";
            case USERAUTH_REQUEST -> "USERAUTH_REQUEST";
            case USERAUTH_FAILURE -> "USERAUTH_FAILURE";
            case USERAUTH_SUCCESS -> "USERAUTH_SUCCESS";
            case USERAUTH_BANNER -> "USERAUTH_BANNER";
            case GLOBAL_REQUEST -> "GLOBAL_REQUEST";
            case REQUEST_SUCCESS -> "REQUEST_SUCCESS";
            case REQUEST_FAILURE -> "REQUEST_FAILURE";
            case CHANNEL_OPEN -> "CHANNEL_OPEN";
            case CHANNEL_OPEN_CONFIRMATION -> "CHANNEL_OPEN_CONFIRMATION";
            case CHANNEL_OPEN_FAILURE -> "CHANNEL_OPEN_FAILURE";
            case CHANNEL_WINDOW_ADJUST -> "CHANNEL_WINDOW_ADJUST";
            case CHANNEL_DATA -> "CHANNEL_DATA";
            case CHANNEL_EXTENDED_DATA -> "CHANNEL_EXTENDED_DATA";
            case CHANNEL_EOF -> "CHANNEL_EOF";
            case CHANNEL_CLOSE -> "CHANNEL_CLOSE";
            case CHANNEL_REQUEST -> "CHANNEL_REQUEST";
            case CHANNEL_SUCCESS -> "CHANNEL_SUCCESS";
            case CHANNEL_FAILURE -> "CHANNEL_FAILURE";
            case PING -> "PING";
            case PONG -> "PONG";
            default -> number >= 30 && number <= 49 ? "KEX_METHOD_SPECIFIC"
                    : number >= 60 && number <= 79 ? "USERAUTH_METHOD_SPECIFIC"
                    : "UNKNOWN";
        };
        return "SSH_MSG_" + name + " (" + number + ")";
    }
}
