package ssh.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.wire.DisconnectReason;

/**
 * The identification-string exchange of RFC 4253 section 4.2. Our line is
 * {@code SSH-2.0-<software>} with CR LF. From the peer we accept CR LF or a bare LF, versions
 * {@code 2.0} and {@code 1.99}, lines of at most 255 bytes, and, from a server only, other lines
 * before the version line, up to a bounded total.
 */
final class VersionExchange {
    /** RFC 4253: the identification line, CR LF included, is at most 255 bytes. */
    static final int MAX_LINE = 255;
    /** How much a server may send before its version line (OpenSSH allows 1024 lines; this bounds bytes). */
    static final int MAX_PREAMBLE = 64 * 1024;

    private VersionExchange() {
    }

    /** Our identification line without CR LF. */
    static String ours(String software) {
        return "SSH-2.0-" + software;
    }

    static void send(OutputStream out, String identification) throws IOException {
        out.write((identification + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Reads the peer's identification line and returns it without its line ending. Reads byte by
     * byte so nothing after the line is consumed.
     */
    static String receive(InputStream in, boolean peerIsServer) throws IOException {
        int total = 0;
        byte[] line = new byte[MAX_LINE];
        while (true) {
            int n = 0;
            boolean sawCr = false;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new SshException(DisconnectReason.CONNECTION_LOST,
                            "connection closed during the version exchange", null);
                }
                if (++total > MAX_PREAMBLE) {
                    throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                            "no identification string within " + MAX_PREAMBLE + " bytes");
                }
                if (b == '\n') {
                    break;
                }
                if (sawCr) {
                    // A CR not followed by LF stays part of the line.
                    n = append(line, n, '\r');
                }
                sawCr = b == '\r';
                if (!sawCr) {
                    n = append(line, n, b);
                }
            }
            String text = new String(line, 0, n, StandardCharsets.ISO_8859_1);
            if (text.startsWith("SSH-")) {
                return check(text);
            }
            if (!peerIsServer) {
                throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                        "client sent a line that is not an SSH identification string");
            }
        }
    }

    private static int append(byte[] line, int n, int b) throws SshProtocolException {
        if (n >= MAX_LINE - 2) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "identification line longer than " + MAX_LINE + " bytes");
        }
        if (b == 0) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "NUL byte in the identification line");
        }
        line[n] = (byte) b;
        return n + 1;
    }

    private static String check(String id) throws SshProtocolException {
        int dash = id.indexOf('-', 4);
        String version = dash < 0 ? id.substring(4) : id.substring(4, dash);
        if (!version.equals("2.0") && !version.equals("1.99")) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED,
                    "peer speaks SSH protocol version " + version + ", not 2.0");
        }
        if (dash < 0 || dash == id.length() - 1) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "identification string has no software version");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                        "identification string has a non-printable character");
            }
        }
        return id;
    }
}
