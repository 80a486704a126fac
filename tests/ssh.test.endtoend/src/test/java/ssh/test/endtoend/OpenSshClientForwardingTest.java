package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.AuthenticatedUser;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.auth.keys.KeyOptions;
import ssh.auth.keys.OpenSshKeyFile;
import ssh.connection.ForwardingPolicy;
import ssh.connection.SshServer;

/**
 * OpenSSH's ssh client forwarding through secsh's server: -L (to TCP and to a Unix socket), -R,
 * -D and -W, with -N, carrying real traffic.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OpenSshClientForwardingTest {
    private static final long MIB = 1024 * 1024;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    @TempDir
    Path dir;
    private SshServer server;
    private EchoServer echo;
    private Path identity;
    private ServerAuthConfig auth;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        OpenSsh.assumeInstalled(OpenSsh.SSH);
        SshKeyPair key = AuthPeers.ed25519();
        identity = dir.resolve("id_ed25519");
        Files.writeString(identity, OpenSshKeyFile.write(key, "", Peers.crypto()));
        Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
        PublicKeyAuthenticator only = (u, k, from) -> Optional.of(KeyOptions.NONE).filter(o -> k.equals(key.publicKey()));
        auth = ServerAuthConfig.builder().publicKey(only).build();
        server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(auth).start();
        echo = EchoServer.tcp();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (server != null) {
            server.close();
        }
        if (echo != null) {
            echo.close();
        }
    }

    private List<String> ssh(String... args) {
        List<String> cmd = new ArrayList<>(List.of(OpenSsh.SSH.toString(), "-F", "none", "-p",
                String.valueOf(server.port()), "-i", identity.toString(), "-o", "IdentitiesOnly=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "ExitOnForwardFailure=yes", "-o", "LogLevel=ERROR"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts ssh with its output in a log file. */
    private Process background(String... args) throws IOException {
        Path log = dir.resolve("ssh-" + processes.size() + ".log");
        Process p = new ProcessBuilder(ssh(args)).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        processes.add(p);
        return p;
    }

    private String log(int index) throws IOException {
        return Files.readString(dir.resolve("ssh-" + index + ".log"));
    }

    /** Waits for a forwarding's listener (ssh's for -L and -D, our server's for -R). */
    private void awaitListening(int port) throws Exception {
        Process p = processes.getLast();
        try {
            EchoServer.awaitListening(port, Duration.ofSeconds(20), p::isAlive);
        } catch (AssertionError e) {
            fail("ssh did not set up the forwarding (alive: " + p.isAlive() + "): " + log(processes.size() - 1));
        }
    }

    @Test
    void localForwardingWithN() throws Exception {
        int port = OpenSsh.freePort();
        background("-N", "-L", "127.0.0.1:" + port + ":127.0.0.1:" + echo.port(), "robey@127.0.0.1");
        awaitListening(port);
        EchoServer.concurrentRoundTrips(port, 4, 4 * MIB);
        assertTrue(echo.accepted() >= 4);
    }

    @Test
    void remoteForwardingWithN() throws Exception {
        int port = OpenSsh.freePort();
        background("-N", "-R", port + ":127.0.0.1:" + echo.port(), "robey@127.0.0.1");
        awaitListening(port);
        EchoServer.concurrentRoundTrips(port, 4, 4 * MIB);
        assertTrue(echo.accepted() >= 4);
        processes.getLast().destroy();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!EchoServer.refused(port) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(EchoServer.refused(port), "our server closed the listener when ssh went away");
    }

    @Test
    void remoteForwardingOfAPrivilegedPortIsRefused() throws Exception {
        Process p = background("-N", "-R", "80:127.0.0.1:" + echo.port(), "robey@127.0.0.1");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ssh exits (ExitOnForwardFailure)");
        assertNotEquals(0, p.exitValue());
        assertTrue(log(0).contains("remote port forwarding failed"), log(0));
    }

    @Test
    void dynamicForwardingWithN() throws Exception {
        int port = OpenSsh.freePort();
        background("-N", "-D", "127.0.0.1:" + port, "robey@127.0.0.1");
        awaitListening(port);
        Socket byName = new Socket(LOOPBACK, port);
        assertEquals(0, SocksClient.socks5(byName, "localhost", echo.port()));
        EchoServer.roundTrip(byName, 4 * MIB, 1);
        Socket byAddress = new Socket(LOOPBACK, port);
        assertEquals(0, SocksClient.socks5(byAddress, InetAddress.getByName("127.0.0.1"), echo.port()));
        EchoServer.roundTrip(byAddress, 4 * MIB, 2);
        Socket socks4a = new Socket(LOOPBACK, port);
        assertEquals(0x5a, SocksClient.socks4(socks4a, null, "127.0.0.1", echo.port()));
        EchoServer.roundTrip(socks4a, MIB, 3);
    }

    @Test
    void localForwardingToAUnixSocket() throws Exception {
        EchoServer unix = EchoServer.unix(dir.resolve("echo.sock"));
        server.close();
        server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0).auth(auth)
                .forwarding(new ForwardingPolicy() {
                    @Override
                    public boolean allowDirectStreamLocal(AuthenticatedUser user, String path) {
                        return path.equals(unix.path().toString());
                    }
                }).start();
        try (unix) {
            int port = OpenSsh.freePort();
            background("-N", "-L", "127.0.0.1:" + port + ":" + unix.path(), "robey@127.0.0.1");
            awaitListening(port);
            EchoServer.concurrentRoundTrips(port, 3, 2 * MIB);
            assertTrue(unix.accepted() >= 3);
        }
    }

    @Test
    void stdioForwarding() throws Exception {
        Path log = dir.resolve("ssh-W.log");
        Process p = new ProcessBuilder(ssh("-W", "127.0.0.1:" + echo.port(), "robey@127.0.0.1"))
                .redirectError(log.toFile()).start();
        processes.add(p);
        EchoServer.roundTrip(p.getInputStream(), p.getOutputStream(), () -> {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, 8 * MIB, 4);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ssh -W ends after the forwarded connection");
        assertEquals(0, p.exitValue(), Files.readString(log));
        assertEquals(1, echo.accepted());
    }
}
