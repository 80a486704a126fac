package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import org.junit.jupiter.api.Test;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.auth.AuthenticatedUser;
import ssh.connection.Forwarding;
import ssh.connection.ForwardingPolicy;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/**
 * What secsh's server grants: its ForwardingPolicy, the authorized_keys options no-port-forwarding,
 * permitopen and permitlisten, refusals and connect failures, and the global requests
 * no-more-sessions@openssh.com and keepalive@openssh.com.
 */
class ForwardingPolicyTest extends ForwardingTestBase {
    @Test
    void unixSocketsAreRefusedByDefaultAndMissingOnesFailToConnect() throws Exception {
        EchoServer echo = track(EchoServer.unix(dir.resolve("echo.sock")));
        SshClient c = start(SshServer.builder());
        assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                openFailure(() -> c.openDirectUnixSocket(echo.path().toString())));
        SshClient all = start(SshServer.builder().forwarding(new ForwardingPolicy() {
            @Override
            public boolean allowDirectStreamLocal(AuthenticatedUser user, String path) {
                return true;
            }
        }));
        assertEquals(ChannelOpenFailure.CONNECT_FAILED,
                openFailure(() -> all.openDirectUnixSocket(dir.resolve("missing.sock").toString())));
        assertEquals(0, echo.accepted());
    }

    @Test
    void policyDecidesEachForwarding() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        int closedPort = OpenSsh.freePort();
        SshClient c = start(SshServer.builder().forwarding(new ForwardingPolicy() {
            @Override
            public boolean allowDirectTcpip(AuthenticatedUser user, String host, int port) {
                return user.user().equals("robey") && port == echo.port();
            }

            @Override
            public boolean allowTcpipForward(AuthenticatedUser user, String address, int port) {
                return false;
            }
        }));
        roundTrip(c.openDirectTcpip("127.0.0.1", echo.port()), MIB);
        assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                openFailure(() -> c.openDirectTcpip("127.0.0.1", closedPort)));
        SshException refused = assertThrows(SshException.class, () -> c.forwardRemote("localhost", 0, "127.0.0.1", 1));
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
        // a -L connection to a refused target is closed without data
        Forwarding f = c.forwardLocal(anyPort(), "127.0.0.1", closedPort);
        try (Socket s = new Socket(LOOPBACK, f.port())) {
            s.setSoTimeout(10_000);
            assertEquals(-1, s.getInputStream().read());
        }

        SshClient none = start(SshServer.builder().forwarding(ForwardingPolicy.NONE));
        assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                openFailure(() -> none.openDirectTcpip("127.0.0.1", echo.port())));
        assertThrows(SshException.class, () -> none.forwardRemote("localhost", 0, "127.0.0.1", echo.port()));
        assertEquals(0, none.exec("exit 0", T).exitStatus(), "sessions still work");

        SshClient defaults = start(SshServer.builder());
        assertThrows(SshException.class, () -> defaults.forwardRemote("localhost", 80, "127.0.0.1", echo.port()),
                "privileged ports are refused by default");
        assertEquals(1, echo.accepted());
    }

    @Test
    void noPortForwardingRefusesEverything() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = startWithKeyOptions("no-port-forwarding");
        assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                openFailure(() -> c.openDirectTcpip("127.0.0.1", echo.port())));
        assertThrows(SshException.class, () -> c.forwardRemote("localhost", 0, "127.0.0.1", echo.port()));
        assertEquals("ok\n", c.exec("echo ok", T).stdoutText());
        assertEquals(0, echo.accepted());
    }

    @Test
    void permitOpenAndPermitListenLimitTargetsAndListeners() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        int other = OpenSsh.freePort();
        SshClient c = startWithKeyOptions("permitopen=\"127.0.0.1:" + echo.port() + "\",permitlisten=\"localhost:*\"");
        roundTrip(c.openDirectTcpip("127.0.0.1", echo.port()), MIB);
        assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                openFailure(() -> c.openDirectTcpip("127.0.0.1", other)));
        assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                openFailure(() -> c.openDirectTcpip("localhost", echo.port())), "permitopen hosts are literal");
        try (Forwarding r = c.forwardRemote("localhost", 0, "127.0.0.1", echo.port())) {
            EchoServer.roundTrip(new Socket(LOOPBACK, r.port()), MIB, 7);
        }
        assertThrows(SshException.class, () -> c.forwardRemote("127.0.0.1", 0, "127.0.0.1", echo.port()));
        assertEquals(2, echo.accepted());
    }

    @Test
    void unreachableTargetIsRefusedWithConnectFailed() throws Exception {
        SshClient c = start(SshServer.builder());
        assertEquals(ChannelOpenFailure.CONNECT_FAILED, openFailure(() -> c.openDirectTcpip("127.0.0.1",
                OpenSsh.freePort())));
    }

    @Test
    void noMoreSessionsRefusesLaterSessions() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = start(SshServer.builder());
        assertTrue(c.connection().globalRequest("no-more-sessions@openssh.com", new byte[0], T).isPresent());
        assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED, openFailure(c::openSession));
        roundTrip(c.openDirectTcpip("127.0.0.1", echo.port()), MIB);
    }

    @Test
    void keepaliveIsAnsweredWithFailure() throws Exception {
        SshClient c = start(SshServer.builder());
        assertTrue(c.connection().globalRequest("keepalive@openssh.com", new byte[0], T).isEmpty());
        assertTrue(c.connection().globalRequest("no-such-request@example.org", new byte[0], T).isEmpty());
        assertEquals("alive\n", c.exec("echo alive", T).stdoutText());
    }
}
