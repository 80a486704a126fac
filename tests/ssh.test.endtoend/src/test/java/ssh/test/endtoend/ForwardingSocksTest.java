package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import ssh.connection.Forwarding;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/** Dynamic forwarding (ssh -D) between secsh's client and server: SOCKS 5, 4 and 4a, and hostile SOCKS clients. */
class ForwardingSocksTest extends ForwardingTestBase {
    @Test
    void dynamicForwardingSpeaksSocks5() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = start(SshServer.builder());
        Forwarding d = c.forwardDynamic(anyPort());
        assertEquals(Forwarding.Kind.DYNAMIC, d.kind());
        Socket byName = new Socket(LOOPBACK, d.port());
        assertEquals(0, SocksClient.socks5(byName, "localhost", echo.port()));
        EchoServer.roundTrip(byName, 2 * MIB, 1);
        Socket byAddress = new Socket(LOOPBACK, d.port());
        assertEquals(0, SocksClient.socks5(byAddress, InetAddress.getByName("127.0.0.1"), echo.port()));
        EchoServer.roundTrip(byAddress, 2 * MIB, 2);

        InetAddress v6 = InetAddress.getByName("::1");
        EchoServer echo6;
        try {
            echo6 = track(EchoServer.tcp(v6));
        } catch (IOException noIpv6) {
            System.err.println("note: no IPv6 loopback, SOCKS5 IPv6 addresses not tested: " + noIpv6);
            return;
        }
        Socket byIpv6 = new Socket(LOOPBACK, d.port());
        assertEquals(0, SocksClient.socks5(byIpv6, v6, echo6.port()));
        EchoServer.roundTrip(byIpv6, MIB, 3);

        try (Socket nobody = new Socket(LOOPBACK, d.port())) {
            assertEquals(5, SocksClient.socks5(nobody, "127.0.0.1", OpenSsh.freePort()), "connection refused");
        }
    }

    @Test
    void dynamicForwardingSpeaksSocks4And4a() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = start(SshServer.builder());
        Forwarding d = c.forwardDynamic(anyPort());
        Socket socks4 = new Socket(LOOPBACK, d.port());
        assertEquals(0x5a, SocksClient.socks4(socks4, new byte[] {127, 0, 0, 1}, null, echo.port()));
        EchoServer.roundTrip(socks4, 2 * MIB, 4);
        Socket socks4a = new Socket(LOOPBACK, d.port());
        assertEquals(0x5a, SocksClient.socks4(socks4a, null, "localhost", echo.port()));
        EchoServer.roundTrip(socks4a, 2 * MIB, 5);
        try (Socket nobody = new Socket(LOOPBACK, d.port())) {
            assertEquals(0x5b, SocksClient.socks4(nobody, new byte[] {127, 0, 0, 1}, null, OpenSsh.freePort()));
        }
    }

    /** Sends {@code bytes} to the proxy, then expects {@code reply} and the connection closed, all soon. */
    private static void expectDropped(int port, byte[] bytes, byte[] reply) throws Exception {
        try (Socket s = new Socket(LOOPBACK, port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(bytes);
            byte[] got;
            try {
                got = s.getInputStream().readAllBytes();
            } catch (java.net.SocketException reset) {
                got = new byte[0];
            }
            assertEquals(java.util.HexFormat.of().formatHex(reply), java.util.HexFormat.of().formatHex(got));
        }
    }

    @Test
    void socksHandshakeSurvivesHostileClients() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = start(SshServer.builder());
        Forwarding d = c.forwardDynamic(anyPort(), Duration.ofMillis(500));
        int p = d.port();
        byte[] none = new byte[0];
        expectDropped(p, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), none);
        expectDropped(p, none, none);                                          // silent: the deadline ends it
        expectDropped(p, new byte[] {5}, none);                                // stalls after one byte
        expectDropped(p, new byte[] {5, 1, 2}, new byte[] {5, (byte) 0xff});  // only username/password
        expectDropped(p, new byte[] {5, 1, 0, 5, 2, 0, 1, 127, 0, 0, 1, 0, 80},
                new byte[] {5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0});              // BIND: command not supported
        expectDropped(p, new byte[] {5, 1, 0, 5, 1, 0, 9}, new byte[] {5, 0, 5, 8, 0, 1, 0, 0, 0, 0, 0, 0});
        expectDropped(p, new byte[] {5, 1, 0, 5, 1, 0, 3, 3, 'a', 10, 'b', 0, 80}, new byte[] {5, 0});
        expectDropped(p, new byte[] {5, 1, 0, 5, 1, 0, 3, 0, 0, 80}, new byte[] {5, 0});  // empty host name
        byte[] longUser = new byte[8 + 300];
        System.arraycopy(new byte[] {4, 1, 0, 80, 127, 0, 0, 1}, 0, longUser, 0, 8);
        java.util.Arrays.fill(longUser, 8, longUser.length, (byte) 'u');
        expectDropped(p, longUser, none);                                      // user id without an end
        expectDropped(p, new byte[] {4, 2, 0, 80, 127, 0, 0, 1, 0}, new byte[] {0, 0x5b, 0, 0, 0, 0, 0, 0});
        // and the proxy still serves a well-behaved client
        Socket good = new Socket(LOOPBACK, p);
        assertEquals(0, SocksClient.socks5(good, "127.0.0.1", echo.port()));
        EchoServer.roundTrip(good, MIB, 6);
    }
}
