package ssh.connection;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import ssh.api.wire.ChannelOpenFailure;

/**
 * The server side of the SOCKS handshake for dynamic forwarding ({@code ssh -D}): SOCKS4, SOCKS4a
 * (a host name instead of an address) and SOCKS5 (RFC 1928) without authentication, CONNECT only,
 * to IPv4 and IPv6 addresses and domain names. The client's bytes are hostile input: every field is
 * bounded, reads never go past the request (data the client sends early is left for the pump), and
 * the whole handshake must finish within a deadline, so a silent or slow client cannot hold a
 * thread.
 */
final class SocksProxy {
    private static final int MAX_NUL_TERMINATED = 255;
    private static final int SOCKS5_GENERAL_FAILURE = 1;
    private static final int SOCKS5_NOT_ALLOWED = 2;
    private static final int SOCKS5_REFUSED = 5;
    private static final int SOCKS5_BAD_COMMAND = 7;
    private static final int SOCKS5_BAD_ADDRESS_TYPE = 8;
    private static final int SOCKS4_GRANTED = 0x5a;
    private static final int SOCKS4_REJECTED = 0x5b;

    private SocksProxy() {
    }

    /** A CONNECT request: the SOCKS version (4 or 5) and where to connect. */
    record Request(int version, String host, int port) {
    }

    /** Reads the greeting and the CONNECT request, answering the SOCKS5 method negotiation. */
    static Request read(Socket socket, Duration timeout) throws IOException {
        Reader in = new Reader(socket, timeout);
        int version = in.u8("version");
        Request r = switch (version) {
            case 4 -> socks4(in);
            case 5 -> socks5(in, socket.getOutputStream());
            default -> throw new ProtocolException(String.format(
                    "not a SOCKS request: the first byte is 0x%02x, not 4 or 5", version));
        };
        socket.setSoTimeout(0);
        return r;
    }

    private static Request socks4(Reader in) throws IOException {
        int command = in.u8("SOCKS4 command");
        int port = in.u16("SOCKS4 port");
        byte[] ip = in.bytes(4, "SOCKS4 address");
        in.nulTerminated("SOCKS4 user id");
        String host;
        if (ip[0] == 0 && ip[1] == 0 && ip[2] == 0 && ip[3] != 0) {
            host = hostName(in.nulTerminated("SOCKS4a host name"));
        } else {
            host = InetAddress.getByAddress(ip).getHostAddress();
        }
        Request r = new Request(4, host, port);
        if (command != 1) {
            reply(in.socket, r, SOCKS4_REJECTED);
            throw new ProtocolException("SOCKS4 command " + command + " is not CONNECT");
        }
        return r;
    }

    private static Request socks5(Reader in, OutputStream out) throws IOException {
        int methods = in.u8("SOCKS5 method count");
        byte[] offered = in.bytes(methods, "SOCKS5 methods");
        boolean noAuth = false;
        for (byte m : offered) {
            noAuth |= m == 0;
        }
        out.write(new byte[] {5, (byte) (noAuth ? 0 : 0xff)});
        out.flush();
        if (!noAuth) {
            throw new ProtocolException("the SOCKS5 client does not offer 'no authentication'");
        }
        int version = in.u8("SOCKS5 request version");
        if (version != 5) {
            throw new ProtocolException("SOCKS5 request of version " + version);
        }
        int command = in.u8("SOCKS5 command");
        in.u8("SOCKS5 reserved byte");
        int type = in.u8("SOCKS5 address type");
        String host = switch (type) {
            case 1 -> InetAddress.getByAddress(in.bytes(4, "SOCKS5 IPv4 address")).getHostAddress();
            case 3 -> hostName(in.bytes(in.u8("SOCKS5 host name length"), "SOCKS5 host name"));
            case 4 -> InetAddress.getByAddress(in.bytes(16, "SOCKS5 IPv6 address")).getHostAddress();
            default -> {
                reply(in.socket, new Request(5, "", 0), SOCKS5_BAD_ADDRESS_TYPE);
                throw new ProtocolException("SOCKS5 address type " + type + " is unknown");
            }
        };
        Request r = new Request(5, host, in.u16("SOCKS5 port"));
        if (command != 1) {
            reply(in.socket, r, SOCKS5_BAD_COMMAND);
            throw new ProtocolException("SOCKS5 command " + command + " is not CONNECT");
        }
        return r;
    }

    /** A host name must be 1 to 255 visible ASCII characters. */
    private static String hostName(byte[] name) throws ProtocolException {
        if (name.length == 0) {
            throw new ProtocolException("empty SOCKS host name");
        }
        for (byte b : name) {
            if (b < 0x21 || b > 0x7e) {
                throw new ProtocolException(String.format("SOCKS host name has the byte 0x%02x", b & 0xff));
            }
        }
        return new String(name, StandardCharsets.US_ASCII);
    }

    /** Tells the client its connection is made; from now on the socket carries its data. */
    static void grant(Socket socket, Request r) throws IOException {
        reply(socket, r, r.version() == 4 ? SOCKS4_GRANTED : 0);
    }

    /** Tells the client the connection failed, as well as SOCKS can say why; never throws. */
    static void refuse(Socket socket, Request r, int channelOpenFailure) {
        int code = r.version() == 4 ? SOCKS4_REJECTED : switch (channelOpenFailure) {
            case ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED -> SOCKS5_NOT_ALLOWED;
            case ChannelOpenFailure.CONNECT_FAILED -> SOCKS5_REFUSED;
            default -> SOCKS5_GENERAL_FAILURE;
        };
        try {
            reply(socket, r, code);
        } catch (IOException ignored) {
            // the client is gone; nothing to tell
        }
    }

    /** SOCKS4: 0, code, port, address (8 bytes); SOCKS5: 5, code, 0, IPv4, 0.0.0.0, port 0 (10 bytes). */
    private static void reply(Socket socket, Request r, int code) throws IOException {
        byte[] reply = r.version() == 4 ? new byte[] {0, (byte) code, 0, 0, 0, 0, 0, 0}
                : new byte[] {5, (byte) code, 0, 1, 0, 0, 0, 0, 0, 0};
        OutputStream out = socket.getOutputStream();
        out.write(reply);
        out.flush();
    }

    /** Reads exact amounts from the socket, never past what is asked, within one deadline. */
    private static final class Reader {
        final Socket socket;
        private final InputStream in;
        private final long deadline;
        private final Duration timeout;

        Reader(Socket socket, Duration timeout) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        private void arm(String field) throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("SOCKS handshake not done within " + timeout + " (at " + field + ")");
            }
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left))));
        }

        int u8(String field) throws IOException {
            arm(field);
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("SOCKS handshake not done within " + timeout + " (at " + field + ")");
            }
            if (b < 0) {
                throw new EOFException("the SOCKS client closed the connection before its " + field);
            }
            return b;
        }

        int u16(String field) throws IOException {
            return u8(field) << 8 | u8(field);
        }

        byte[] bytes(int n, String field) throws IOException {
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                b[i] = (byte) u8(field);
            }
            return b;
        }

        /** At most 255 bytes then a NUL, which is not returned. */
        byte[] nulTerminated(String field) throws IOException {
            byte[] b = new byte[MAX_NUL_TERMINATED];
            for (int i = 0; ; i++) {
                int c = u8(field);
                if (c == 0) {
                    return java.util.Arrays.copyOf(b, i);
                }
                if (i == b.length) {
                    throw new ProtocolException(field + " is longer than " + MAX_NUL_TERMINATED + " bytes");
                }
                b[i] = (byte) c;
            }
        }
    }
}
