package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.auth.AuthenticatedUser;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordPrompt;
import ssh.connection.Channel;
import ssh.connection.Forwarding;
import ssh.connection.ForwardingPolicy;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/**
 * Port forwarding between secsh's client and server over loopback, with real TCP traffic: -L, -R,
 * Unix sockets, a slow target, connections that end on a window boundary, and clean-up when
 * either side goes away.
 */
class ForwardingLoopbackTest extends ForwardingTestBase {
    @Test
    void localForwardingCarriesConcurrentConnections() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = start(SshServer.builder());
        Forwarding f = c.forwardLocal(anyPort(), "127.0.0.1", echo.port());
        assertEquals(Forwarding.Kind.LOCAL, f.kind());
        assertTrue(f.port() > 0 && f.isOpen(), f.toString());
        EchoServer.concurrentRoundTrips(f.port(), 8, 3 * MIB);
        assertEquals(8, echo.accepted());
        f.close();
        assertFalse(f.isOpen());
        assertTrue(EchoServer.refused(f.port()), "the listener is closed");
    }

    @Test
    void remoteForwardingCarriesConcurrentConnections() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = start(SshServer.builder());
        Forwarding f = c.forwardRemote("localhost", 0, "127.0.0.1", echo.port());
        assertEquals(Forwarding.Kind.REMOTE, f.kind());
        assertTrue(f.port() > 0, "the server allocated a port: " + f);
        EchoServer.concurrentRoundTrips(f.port(), 8, 3 * MIB);
        assertEquals(8, echo.accepted());
        f.close();
        assertTrue(EchoServer.refused(f.port()), "cancel-tcpip-forward closed the server's listener");

        int fixed = OpenSsh.freePort();
        try (Forwarding g = c.forwardRemote("127.0.0.1", fixed, "127.0.0.1", echo.port())) {
            assertEquals(fixed, g.port());
            EchoServer.roundTrip(new Socket(LOOPBACK, fixed), MIB, 3);
        }
    }

    @Test
    void unixSocketForwarding() throws Exception {
        EchoServer echo = track(EchoServer.unix(dir.resolve("echo.sock")));
        SshClient c = start(SshServer.builder().forwarding(new ForwardingPolicy() {
            @Override
            public boolean allowDirectStreamLocal(AuthenticatedUser user, String path) {
                return path.equals(echo.path().toString());
            }
        }));
        Forwarding f = c.forwardLocalToUnixSocket(anyPort(), echo.path().toString());
        EchoServer.concurrentRoundTrips(f.port(), 4, 2 * MIB);
        roundTrip(c.openDirectUnixSocket(echo.path().toString()), 2 * MIB);
        assertEquals(5, echo.accepted());
        assertEquals(ChannelOpenFailure.ADMINISTRATIVELY_PROHIBITED,
                openFailure(() -> c.openDirectUnixSocket(dir.resolve("other.sock").toString())));
    }

    /**
     * A target whose connect hangs (a listener with a full accept queue drops SYNs) must not hold
     * up other channels: the server connects off the dispatcher and confirms later.
     */
    @Test
    void aSlowConnectDoesNotHoldUpOtherChannels() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        java.net.ServerSocket full = track(new java.net.ServerSocket(0, 1, LOOPBACK));
        for (int i = 0; i < 16; i++) {
            Socket filler = track(new Socket());
            try {
                filler.connect(new InetSocketAddress(LOOPBACK, full.getLocalPort()), 300);
            } catch (IOException queueFull) {
                break;
            }
        }
        SshClient c = start(SshServer.builder());
        CompletableFuture<Channel> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return c.openDirectTcpip("127.0.0.1", full.getLocalPort());
            } catch (SshException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, Thread::startVirtualThread);
        Thread.sleep(200);
        long t0 = System.nanoTime();
        roundTrip(c.openDirectTcpip("127.0.0.1", echo.port()), MIB);
        assertEquals("fast\n", c.exec("echo fast", T).stdoutText());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "other channels went on");
        assertFalse(slow.isDone(), "the slow connect is still pending");
        ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(30, TimeUnit.SECONDS));
        assertEquals(ChannelOpenFailure.CONNECT_FAILED, ((SshChannelOpenException) e.getCause()).failureCode());
    }

    /**
     * Many connections whose last read returns window (2, 3 or 4 MiB each, half a window being
     * 1 MiB) while the peer's EOF and CLOSE arrive: no message may follow a channel's CLOSE, or the
     * peer ends the whole connection with a protocol error.
     */
    @Test
    void connectionsEndingOnAWindowBoundaryKeepTheConnectionAlive() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = start(SshServer.builder());
        Forwarding local = c.forwardLocal(anyPort(), "127.0.0.1", echo.port());
        Forwarding remote = c.forwardRemote("localhost", 0, "127.0.0.1", echo.port());
        for (int round = 0; round < 40; round++) {
            EchoServer.concurrentRoundTrips(round % 2 == 0 ? local.port() : remote.port(), 8, (2 + round % 3) * MIB);
            assertTrue(c.connection().isOpen(), "round " + round + ": " + (c.connection().isOpen() ? ""
                    : c.connection().awaitEnd(Duration.ofSeconds(1))));
        }
    }

    @Test
    void theServerGoingAwayClosesTheClientsListeners() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshServer s = startServer(SshServer.builder());
        SshClient c = track(SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true)
                .connect(ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build()));
        Forwarding local = c.forwardLocal(anyPort(), "127.0.0.1", echo.port());
        Socket midStream = track(new Socket(LOOPBACK, local.port()));
        midStream.setSoTimeout(10_000);
        midStream.getOutputStream().write(1);
        assertEquals(1, midStream.getInputStream().read());
        s.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (local.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(local.isOpen(), "the forwarding stopped with the connection");
        assertTrue(EchoServer.refused(local.port()));
        try {
            assertEquals(-1, midStream.getInputStream().read());
        } catch (java.net.SocketException reset) {
            // closed with a reset: as good
        }
    }

    @Test
    void closingTheClientStopsEveryListenerAndConnection() throws Exception {
        EchoServer echo = track(EchoServer.tcp());
        SshClient c = start(SshServer.builder());
        Forwarding local = c.forwardLocal(anyPort(), "127.0.0.1", echo.port());
        Forwarding remote = c.forwardRemote("localhost", 0, "127.0.0.1", echo.port());
        Forwarding socks = c.forwardDynamic(anyPort());
        List<Socket> midStream = new ArrayList<>();
        for (int port : new int[] {local.port(), remote.port()}) {
            Socket s = track(new Socket(LOOPBACK, port));
            s.setSoTimeout(10_000);
            s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello", new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            midStream.add(s);
        }
        assertEquals(2, echo.openConnections());
        c.close();
        for (Forwarding f : List.of(local, remote, socks)) {
            assertFalse(f.isOpen(), f.toString());
        }
        assertTrue(EchoServer.refused(local.port()));
        assertTrue(EchoServer.refused(socks.port()));
        for (Socket s : midStream) {
            try {
                assertEquals(-1, s.getInputStream().read(), "the forwarded connection was closed");
            } catch (java.net.SocketException reset) {
                // closed with a reset: as good
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while ((!EchoServer.refused(remote.port()) || echo.openConnections() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(EchoServer.refused(remote.port()), "the server closed its remote-forward listener");
        assertEquals(0, echo.openConnections(), "the server closed its side of the forwarded connections");
    }
}
