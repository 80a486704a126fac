package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal SOCKS4, SOCKS4a and SOCKS5 client (CONNECT, no authentication), to test proxies. */
final class SocksClient {
    private SocksClient() {
    }

    /** SOCKS5 CONNECT to a domain name; returns the reply code (0: succeeded). */
    static int socks5(Socket s, String host, int port) throws IOException {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[7 + name.length];
        request[0] = 5;
        request[1] = 1;
        request[3] = 3;
        request[4] = (byte) name.length;
        System.arraycopy(name, 0, request, 5, name.length);
        request[5 + name.length] = (byte) (port >> 8);
        request[6 + name.length] = (byte) port;
        return socks5(s, request);
    }

    /** SOCKS5 CONNECT to an IPv4 or IPv6 address; returns the reply code (0: succeeded). */
    static int socks5(Socket s, InetAddress address, int port) throws IOException {
        byte[] a = address.getAddress();
        byte[] request = new byte[6 + a.length];
        request[0] = 5;
        request[1] = 1;
        request[3] = (byte) (a.length == 4 ? 1 : 4);
        System.arraycopy(a, 0, request, 4, a.length);
        request[4 + a.length] = (byte) (port >> 8);
        request[5 + a.length] = (byte) port;
        return socks5(s, request);
    }

    private static int socks5(Socket s, byte[] request) throws IOException {
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        out.write(new byte[] {5, 1, 0});
        out.flush();
        assertEquals(5, in.readUnsignedByte(), "SOCKS5 method reply version");
        assertEquals(0, in.readUnsignedByte(), "SOCKS5 method: no authentication");
        out.write(request);
        out.flush();
        assertEquals(5, in.readUnsignedByte(), "SOCKS5 reply version");
        int code = in.readUnsignedByte();
        in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int skip = switch (type) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> in.readUnsignedByte();
            default -> throw new IOException("SOCKS5 reply address type " + type);
        };
        in.readNBytes(skip + 2);
        return code;
    }

    /** SOCKS4 CONNECT to an IPv4 address, or SOCKS4a to a host name when {@code host} is not null. */
    static int socks4(Socket s, byte[] ipv4, String host, int port) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(new byte[] {4, 1, (byte) (port >> 8), (byte) port});
        out.write(host == null ? ipv4 : new byte[] {0, 0, 0, 1});
        out.write("tester".getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        if (host != null) {
            out.write(host.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        }
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        assertEquals(0, in.readUnsignedByte(), "SOCKS4 reply version");
        int code = in.readUnsignedByte();
        in.readNBytes(6);
        return code;
    }
}
