package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ssh.api.SshChannelOpenException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.connection.ChannelLimits;
import ssh.connection.ExecResult;
import ssh.connection.Session;
import ssh.connection.SessionHandler;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/** secsh's client and server over loopback: exec, Java handlers, many channels, flow control, limits. */
class ConnectionLoopbackTest {
    private static final Duration T = Duration.ofSeconds(60);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private SshClient start(SshServer.Builder server) throws Exception {
        SshServer s = server.hostKey(AuthPeers.ed25519()).port(0)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build())
                .start();
        open.add(s);
        SshClient c = SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true)
                .connect(ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build());
        open.add(c);
        return c;
    }

    @Test
    void execRunsThroughShWithStatusAndStderr() throws Exception {
        SshClient c = start(SshServer.builder());
        ExecResult r = c.exec("echo hello; echo oops >&2; exit 3", T);
        assertEquals("hello\n", r.stdoutText());
        assertEquals("oops\n", r.stderrText());
        assertEquals(3, r.exitStatus());
        assertEquals(List.of("password"), c.authMethods());
    }

    @Test
    void aSignalEndsTheCommandWithExitSignal() throws Exception {
        SshClient c = start(SshServer.builder());
        try (Session s = c.openSession()) {
            s.exec("echo started; exec sleep 30");
            java.io.BufferedReader out = s.textReader();
            assertEquals("started", out.readLine());
            s.signal("TERM");
            Session.ExitStatus exit = s.waitFor(T);
            assertEquals("TERM", exit.signal(), exit.toString());
            assertEquals(null, exit.status());
        }
    }

    @Test
    void breakIsRefusedWithoutASerialLine() throws Exception {
        SshClient c = start(SshServer.builder().shell(s -> {
            s.stdin().transferTo(java.io.OutputStream.nullOutputStream());
            return 0;
        }));
        try (Session s = c.openSession()) {
            s.shell();
            assertEquals(false, s.sendBreak(500));
            s.shutdownOutput();
            assertEquals(0, s.waitFor(T).status());
        }
    }

    @Test
    void javaHandlerEchoesUntilEof() throws Exception {
        SshClient c = start(SshServer.builder().shell(s -> {
            s.stdin().transferTo(s.stdout());
            s.stderr().write("bye\n".getBytes(StandardCharsets.UTF_8));
            return 7;
        }));
        try (Session s = c.openSession()) {
            s.shell();
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            assertEquals("ping\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("bye\n", new String(s.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(7, s.waitFor(T).status());
        }
    }

    /** The same client and server over an in-memory pipe instead of TCP. */
    private SshClient startInMemory(SshServer.Builder server) throws Exception {
        SshServer s = server.hostKey(AuthPeers.ed25519()).port(0)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build())
                .start();
        open.add(s);
        Peers pipe = Peers.connect(false, c -> c, sc -> sc);
        open.add(pipe);
        Thread.ofVirtual().start(() -> {
            try {
                s.serve(pipe.server);
            } catch (Exception e) {
                // the connection ended; the client side reports it
            }
        });
        SshClient c = SshClient.builder("memory", 0).over(pipe.client,
                ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build());
        open.add(c);
        return c;
    }

    /** Each channel uploads 16 MiB; the server answers with the SHA-256 of what it read. */
    @org.junit.jupiter.params.ParameterizedTest(name = "in memory: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void sixtyFourChannelsOfSixteenMebibytes(boolean inMemory) throws Exception {
        SessionHandler digest = s -> {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = s.stdin().read(buf)) >= 0) {
                sha.update(buf, 0, n);
            }
            s.stdout().write(HexFormat.of().formatHex(sha.digest()).getBytes(StandardCharsets.US_ASCII));
            return 0;
        };
        SshClient c = inMemory ? startInMemory(SshServer.builder().exec(digest)) : start(SshServer.builder().exec(digest));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            long seed = i;
            all.add(CompletableFuture.runAsync(() -> {
                try (Session s = c.openSession()) {
                    s.exec("sha256");
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    Random random = new Random(seed);
                    byte[] chunk = new byte[256 * 1024];
                    OutputStream out = s.getOutputStream();
                    for (int k = 0; k < 64; k++) {
                        random.nextBytes(chunk);
                        sha.update(chunk);
                        out.write(chunk);
                    }
                    out.close();
                    assertEquals(HexFormat.of().formatHex(sha.digest()),
                            new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
                    assertEquals(0, s.waitFor(T).status());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, Thread::startVirtualThread));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    }

    /** One channel nobody reads fills its window; another channel still flows; then the first recovers. */
    @Test
    void aStalledReaderHoldsBackOnlyItsOwnChannel() throws Exception {
        byte[] payload = new byte[8 * 1024 * 1024];
        new Random(1).nextBytes(payload);
        SshClient c = start(SshServer.builder().exec(s -> {
            s.stdout().write(payload);
            return 0;
        }));
        try (Session stalled = c.openSession(); Session flowing = c.openSession()) {
            stalled.exec("big");
            flowing.exec("big");
            assertArrayEquals(payload, flowing.getInputStream().readAllBytes());
            assertEquals(0, flowing.waitFor(T).status());
            InputStream in = stalled.getInputStream();
            assertTrue(in.available() <= ChannelLimits.DEFAULT.windowSize(), "the window bounds what is buffered");
            assertArrayEquals(payload, in.readAllBytes());
            assertEquals(0, stalled.waitFor(T).status());
        }
    }

    @Test
    void channelLimitRefusesTheNextOpen() throws Exception {
        SshClient c = start(SshServer.builder().limits(new ChannelLimits(64 * 1024, 32 * 1024, 2)));
        Session a = c.openSession();
        Session b = c.openSession();
        SshChannelOpenException e = assertThrows(SshChannelOpenException.class, c::openSession);
        assertEquals(ChannelOpenFailure.RESOURCE_SHORTAGE, e.failureCode());
        a.close();
        b.close();
        // channel numbers come back once both sides have closed
        for (int i = 0; i < 50 && c.connection().channels().size() > 0; i++) {
            Thread.sleep(10);
        }
        try (Session again = c.openSession()) {
            again.exec("true");
            assertEquals(0, again.waitFor(T).status());
        }
    }
}
