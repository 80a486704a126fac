package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.connection.Channel;
import ssh.connection.Forwarding;
import ssh.connection.SshClient;

/**
 * secsh's client forwarding through a private OpenSSH sshd: -L (to TCP and to a Unix socket), -R,
 * -D and a direct-tcpip channel, with real traffic.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ForwardingInteropTest {
    private static final long MIB = 1024 * 1024;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static OpenSsh.Sshd sshd;
    private EchoServer echo;
    private SshClient client;

    @BeforeAll
    static void startSshd() throws Exception {
        OpenSsh.assumeTestUser();
        sshd = OpenSsh.Sshd.start(List.of("PasswordAuthentication yes", "AllowTcpForwarding yes", "GatewayPorts no"));
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        echo = EchoServer.tcp();
        client = SshClient.builder("127.0.0.1", sshd.port).hostKeyVerifier((h, p, k) -> true)
                .connect(ClientAuthConfig.builder(OpenSsh.TEST_USER)
                        .password(PasswordPrompt.of(OpenSsh.TEST_PASSWORD.toCharArray())).build());
    }

    @AfterEach
    void close() throws Exception {
        if (client != null) {
            client.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    @Test
    void localForwarding() throws Exception {
        Forwarding f = client.forwardLocal(new InetSocketAddress(LOOPBACK, 0), "127.0.0.1", echo.port());
        EchoServer.concurrentRoundTrips(f.port(), 4, 4 * MIB);
        assertEquals(4, echo.accepted());
    }

    @Test
    void remoteForwardingOnAnAllocatedPort() throws Exception {
        Forwarding f = client.forwardRemote("localhost", 0, "127.0.0.1", echo.port());
        assertTrue(f.port() > 0, f.toString());
        EchoServer.concurrentRoundTrips(f.port(), 4, 4 * MIB);
        assertEquals(4, echo.accepted());
        f.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!EchoServer.refused(f.port()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(EchoServer.refused(f.port()), "sshd closed the listener after cancel-tcpip-forward");
    }

    @Test
    void remoteForwardingOnAFixedPort() throws Exception {
        int port = OpenSsh.freePort();
        try (Forwarding f = client.forwardRemote("127.0.0.1", port, "127.0.0.1", echo.port())) {
            assertEquals(port, f.port());
            EchoServer.roundTrip(new Socket(LOOPBACK, port), 4 * MIB, 1);
        }
    }

    @Test
    void dynamicForwarding() throws Exception {
        Forwarding d = client.forwardDynamic(new InetSocketAddress(LOOPBACK, 0));
        Socket s = new Socket(LOOPBACK, d.port());
        assertEquals(0, SocksClient.socks5(s, "127.0.0.1", echo.port()));
        EchoServer.roundTrip(s, 4 * MIB, 2);
    }

    /** sshd connects to the socket as the test user, so the directory and socket are open to all. */
    @Test
    void localForwardingToAUnixSocket() throws Exception {
        Path dir = Files.createTempDirectory("secsh-unix");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EchoServer unix = EchoServer.unix(dir.resolve("echo.sock"))) {
            Files.setPosixFilePermissions(unix.path(), PosixFilePermissions.fromString("rwxrwxrwx"));
            Forwarding f = client.forwardLocalToUnixSocket(new InetSocketAddress(LOOPBACK, 0), unix.path().toString());
            EchoServer.concurrentRoundTrips(f.port(), 3, 2 * MIB);
            assertEquals(3, unix.accepted());
        } finally {
            Files.deleteIfExists(dir.resolve("echo.sock"));
            Files.delete(dir);
        }
    }

    @Test
    void directTcpipChannelAndRefusal() throws Exception {
        Channel c = client.openDirectTcpip("127.0.0.1", echo.port());
        try (c) {
            EchoServer.roundTrip(c.getInputStream(), c.getOutputStream(), () -> {
                try {
                    c.shutdownOutput();
                } catch (SshException e) {
                    throw new RuntimeException(e);
                }
            }, 4 * MIB, 3);
        }
        SshChannelOpenException e = assertThrows(SshChannelOpenException.class,
                () -> client.openDirectTcpip("127.0.0.1", OpenSsh.freePort()));
        assertEquals(ChannelOpenFailure.CONNECT_FAILED, e.failureCode());
        assertEquals("still-here\n", client.exec("echo still-here", Duration.ofSeconds(30)).stdoutText());
    }
}
