package ssh.test.endtoend;

import java.util.ArrayList;
import java.util.List;
import ssh.api.Role;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;

/**
 * What the RFCs (and strict kex) require of secsh for each message number in each state, written
 * down independently of the code under test, and a well-formed sample payload per number (so that
 * a number secsh must refuse is refused for being out of place, not for a parse error).
 *
 * <p>The rules: RFC 4253 section 7.1 (only transport-generic and kex messages between KEXINIT and
 * NEWKEYS; no SERVICE_REQUEST/ACCEPT and no second KEXINIT), section 11.4 (UNIMPLEMENTED, with the
 * packet's sequence number, for an unrecognized number), OpenSSH's strict kex (KEXINIT first, and
 * nothing but kex messages until the first NEWKEYS, else disconnect), RFC 8308 section 2.4
 * (EXT_INFO only after NEWKEYS), RFC 4252 section 6 (numbers from 80 up before authentication:
 * the server MUST disconnect) and section 5.1 (USERAUTH_REQUEST after success is ignored), RFC
 * 4254 (channel messages only for open channels, replies only to requests), and OpenSSH's
 * ping@openssh.com (no PONG before the first NEWKEYS or during a key exchange; secsh, unlike
 * OpenSSH, answers PING during user authentication, which is allowed).
 */
final class MatrixOracle {
    private MatrixOracle() {
    }

    /** The four states of each role. */
    enum State {
        /** Identification lines exchanged, secsh's KEXINIT sent, the peer's not yet. */
        BEFORE_KEX,
        /** Both KEXINITs exchanged (strict kex agreed), the kex method's first message pending. */
        DURING_KEX,
        /** After NEWKEYS: ssh-userauth accepted (client: its first request sent), not authenticated. */
        USER_AUTH,
        /** After USERAUTH_SUCCESS: the connection protocol runs. */
        AUTHENTICATED
    }

    /** How secsh must react to one message. */
    enum Outcome {
        /** The message is allowed here: not part of the matrix. */
        VALID,
        /** DISCONNECT with PROTOCOL_ERROR, and the caller gets an SshProtocolException. */
        DISCONNECT,
        /** Tolerated until the peer's KEXINIT shows strict kex: then DISCONNECT with PROTOCOL_ERROR. */
        DISCONNECT_AT_STRICT_KEXINIT,
        /** UNIMPLEMENTED naming the packet's sequence number; the connection goes on. */
        UNIMPLEMENTED,
        /** No answer at all; the connection goes on, the state unchanged. */
        IGNORED
    }

    /** secsh in {@code role} and {@code state} receives message {@code n}. */
    static Outcome expected(Role role, State state, int n) {
        boolean server = role == Role.SERVER;
        return switch (state) {
            case BEFORE_KEX -> switch (n) {
                case MessageNumbers.DISCONNECT, MessageNumbers.KEXINIT -> Outcome.VALID;
                case MessageNumbers.IGNORE, MessageNumbers.UNIMPLEMENTED, MessageNumbers.DEBUG, MessageNumbers.PING,
                        MessageNumbers.PONG -> Outcome.DISCONNECT_AT_STRICT_KEXINIT;
                default -> Outcome.DISCONNECT;
            };
            case DURING_KEX -> n == MessageNumbers.DISCONNECT || n == (server ? 30 : 31) ? Outcome.VALID
                    : Outcome.DISCONNECT;
            case USER_AUTH -> userAuth(server, n);
            case AUTHENTICATED -> authenticated(n);
        };
    }

    private static Outcome userAuth(boolean server, int n) {
        if (transportQuiet(n)) {
            return n == MessageNumbers.PONG || n == MessageNumbers.IGNORE || n == MessageNumbers.DEBUG
                    || n == MessageNumbers.UNIMPLEMENTED ? Outcome.IGNORED : Outcome.VALID;
        }
        if (unrecognizedTransport(n)) {
            return Outcome.UNIMPLEMENTED;
        }
        if (server) {
            return n == MessageNumbers.USERAUTH_REQUEST ? Outcome.VALID : Outcome.DISCONNECT;
        }
        return n == MessageNumbers.USERAUTH_FAILURE || n == MessageNumbers.USERAUTH_SUCCESS
                || n == MessageNumbers.USERAUTH_BANNER ? Outcome.VALID : Outcome.DISCONNECT;
    }

    private static Outcome authenticated(int n) {
        if (transportQuiet(n)) {
            return n == MessageNumbers.IGNORE || n == MessageNumbers.DEBUG || n == MessageNumbers.UNIMPLEMENTED
                    || n == MessageNumbers.PONG ? Outcome.IGNORED : Outcome.VALID;
        }
        if (unrecognizedTransport(n)) {
            return Outcome.UNIMPLEMENTED;
        }
        if (n == MessageNumbers.USERAUTH_REQUEST) {
            return Outcome.IGNORED;
        }
        if (n == MessageNumbers.GLOBAL_REQUEST || n == MessageNumbers.CHANNEL_OPEN) {
            return Outcome.VALID;
        }
        if (n == MessageNumbers.REQUEST_SUCCESS || n == MessageNumbers.REQUEST_FAILURE
                || n >= MessageNumbers.CHANNEL_OPEN_CONFIRMATION && n <= MessageNumbers.CHANNEL_FAILURE) {
            return Outcome.DISCONNECT; // no request outstanding, no channel 77
        }
        if (n > MessageNumbers.USERAUTH_REQUEST && n < MessageNumbers.GLOBAL_REQUEST
                || n > MessageNumbers.REQUEST_FAILURE && n < MessageNumbers.CHANNEL_OPEN
                || n > MessageNumbers.CHANNEL_FAILURE) {
            return Outcome.UNIMPLEMENTED;
        }
        return Outcome.DISCONNECT; // 5, 6, 21, 30-49: out of place after the key exchange
    }

    /** Transport messages allowed at any time after the first NEWKEYS (KEXINIT starts a rekey). */
    private static boolean transportQuiet(int n) {
        return n >= MessageNumbers.DISCONNECT && n <= MessageNumbers.DEBUG || n == MessageNumbers.EXT_INFO
                || n == MessageNumbers.KEXINIT || n == MessageNumbers.PING || n == MessageNumbers.PONG;
    }

    /** Transport-layer numbers (below 50) nobody assigned a meaning secsh knows. */
    private static boolean unrecognizedTransport(int n) {
        return n == 0 || n >= MessageNumbers.NEWCOMPRESS && n < MessageNumbers.KEXINIT
                || n > MessageNumbers.NEWKEYS && n < 30;
    }

    /** The numbers 0-255 with {@code outcome} for secsh in {@code role} and {@code state}. */
    static List<Integer> numbers(Role role, State state, Outcome... outcomes) {
        List<Integer> all = new ArrayList<>();
        for (int n = 0; n < 256; n++) {
            for (Outcome o : outcomes) {
                if (expected(role, state, n) == o) {
                    all.add(n);
                }
            }
        }
        return all;
    }

    /** A sample of message {@code n} with fields that parse (channel messages name channel 77, never opened). */
    static byte[] sample(int n) {
        WireWriter w = new WireWriter(128).writeByte(n);
        switch (n) {
            case MessageNumbers.IGNORE -> w.writeUtf8("matrix");
            case MessageNumbers.UNIMPLEMENTED -> w.writeUint32(999_999);
            case MessageNumbers.DEBUG -> w.writeBoolean(false).writeUtf8("matrix").writeUtf8("");
            case MessageNumbers.SERVICE_REQUEST, MessageNumbers.SERVICE_ACCEPT -> w.writeUtf8("ssh-userauth");
            case MessageNumbers.EXT_INFO -> w.writeUint32(1).writeUtf8("server-sig-algs").writeUtf8("ssh-rsa");
            case MessageNumbers.NEWKEYS, MessageNumbers.USERAUTH_SUCCESS, MessageNumbers.REQUEST_FAILURE -> { }
            case MessageNumbers.USERAUTH_REQUEST -> w.writeUtf8("robey").writeUtf8("ssh-connection").writeUtf8("none");
            case MessageNumbers.USERAUTH_FAILURE -> w.writeUtf8("password").writeBoolean(false);
            case MessageNumbers.USERAUTH_BANNER -> w.writeUtf8("matrix").writeUtf8("");
            case MessageNumbers.GLOBAL_REQUEST -> w.writeUtf8("tcpip-forward").writeBoolean(true).writeUtf8("")
                    .writeUint32(0);
            case MessageNumbers.CHANNEL_OPEN -> w.writeUtf8("session").writeUint32(77).writeUint32(1 << 20)
                    .writeUint32(32768);
            case MessageNumbers.CHANNEL_OPEN_CONFIRMATION -> w.writeUint32(77).writeUint32(77).writeUint32(1 << 20)
                    .writeUint32(32768);
            case MessageNumbers.CHANNEL_OPEN_FAILURE -> w.writeUint32(77).writeUint32(2).writeUtf8("no").writeUtf8("");
            case MessageNumbers.CHANNEL_WINDOW_ADJUST -> w.writeUint32(77).writeUint32(1024);
            case MessageNumbers.CHANNEL_DATA -> w.writeUint32(77).writeUtf8("matrix");
            case MessageNumbers.CHANNEL_EXTENDED_DATA -> w.writeUint32(77).writeUint32(1).writeUtf8("matrix");
            case MessageNumbers.CHANNEL_REQUEST -> w.writeUint32(77).writeUtf8("exec").writeBoolean(true)
                    .writeUtf8("touch /tmp/pwned");
            case MessageNumbers.PING, MessageNumbers.PONG -> w.writeString(new byte[8]);
            default -> w.writeUint32(77).writeUtf8("matrix").writeBoolean(true);
        }
        return w.toByteArray();
    }
}
