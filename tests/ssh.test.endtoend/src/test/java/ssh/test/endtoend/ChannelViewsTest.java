package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.connection.ChannelLimits;
import ssh.connection.Session;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/** The socket-like views of a channel: text lines, a selectable pipe, and a window that grows for a fast reader. */
class ChannelViewsTest {
    private static final Duration T = Duration.ofSeconds(60);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private SshClient start(SshServer.Builder server, ChannelLimits clientLimits) throws Exception {
        SshServer s = server.hostKey(AuthPeers.ed25519()).port(0)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build())
                .start();
        open.add(s);
        SshClient c = SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true).limits(clientLimits)
                .connect(ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build());
        open.add(c);
        return c;
    }

    @Test
    void textReaderTakesEveryKindOfNewline() throws Exception {
        SshClient c = start(SshServer.builder().exec(s -> {
            s.stdout().write("unix\nwindows\r\nmac\rlast".getBytes(StandardCharsets.UTF_8));
            return 0;
        }), ChannelLimits.DEFAULT);
        try (Session s = c.openSession()) {
            s.exec("lines");
            BufferedReader r = s.textReader();
            assertEquals(List.of("unix", "windows", "mac", "last"), r.lines().toList());
        }
    }

    @Test
    void selectorWaitsOnTheChannel() throws Exception {
        SshClient c = start(SshServer.builder().exec(s -> {
            Thread.sleep(200);
            s.stdout().write("ready".getBytes(StandardCharsets.US_ASCII));
            return 0;
        }), ChannelLimits.DEFAULT);
        try (Session s = c.openSession(); Selector selector = Selector.open()) {
            s.exec("later");
            Pipe.SourceChannel source = s.selectableChannel();
            source.configureBlocking(false);
            source.register(selector, SelectionKey.OP_READ);
            assertEquals(0, selector.selectNow(), "nothing to read before the server writes");
            StringBuilder got = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(64);
            boolean eof = false;
            long deadline = System.nanoTime() + T.toNanos();
            while (!eof && System.nanoTime() < deadline) {
                selector.select(1000);
                selector.selectedKeys().clear();
                int n;
                while ((n = source.read(buf)) > 0) {
                    got.append(new String(buf.array(), 0, n, StandardCharsets.US_ASCII));
                    buf.clear();
                }
                eof = n < 0;
            }
            assertEquals("ready", got.toString());
            assertTrue(eof, "end of stream after the server's EOF");
        }
    }

    private static int readAll(Session s, int pauseMillisPerChunk) throws Exception {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[64 * 1024];
        int total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            total += n;
            if (pauseMillisPerChunk > 0) {
                Thread.sleep(pauseMillisPerChunk);
            }
        }
        return total;
    }

    private SshClient bulkServer(int bytes, ChannelLimits clientLimits) throws Exception {
        byte[] chunk = new byte[256 * 1024];
        return start(SshServer.builder().exec(s -> {
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                s.stdout().write(chunk);
            }
            return 0;
        }), clientLimits);
    }

    /** Over a link with a 40 ms round trip a 256 KiB window caps the rate; the window grows. */
    @Test
    void windowGrowsOnALongLinkForAReaderThatKeepsUp() throws Exception {
        ChannelLimits limits = new ChannelLimits(256 * 1024, 4 * 1024 * 1024, 32 * 1024, 8);
        byte[] chunk = new byte[256 * 1024];
        SshServer server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build())
                .exec(s -> {
                    for (int sent = 0; sent < (16 << 20); sent += chunk.length) {
                        s.stdout().write(chunk);
                    }
                    return 0;
                }).start();
        open.add(server);
        DelayProxy link = new DelayProxy(server.port(), 20);
        open.add(link);
        SshClient c = SshClient.builder("127.0.0.1", link.port()).hostKeyVerifier((h, p, k) -> true).limits(limits)
                .connect(ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build());
        open.add(c);
        try (Session s = c.openSession()) {
            s.exec("bulk");
            assertEquals(16 << 20, readAll(s, 0));
            assertTrue(s.windowSize() > limits.windowSize(), "window stayed at " + s.windowSize());
            assertTrue(s.windowSize() <= limits.maxWindowSize());
        }
    }

    @Test
    void windowStaysForASlowReaderOrWhenFixed() throws Exception {
        ChannelLimits growing = new ChannelLimits(256 * 1024, 4 * 1024 * 1024, 32 * 1024, 8);
        try (Session s = bulkServer(4 << 20, growing).openSession()) {
            s.exec("bulk");
            assertEquals(4 << 20, readAll(s, 5));
            assertEquals(growing.windowSize(), s.windowSize(), "a slow reader is the bottleneck, not the window");
        }
    }

    @Test
    void fixedWindowNeverGrows() throws Exception {
        ChannelLimits fixed = new ChannelLimits(256 * 1024, 256 * 1024, 32 * 1024, 8);
        try (Session s = bulkServer(16 << 20, fixed).openSession()) {
            s.exec("bulk");
            assertEquals(16 << 20, readAll(s, 0));
            assertEquals(fixed.windowSize(), s.windowSize());
        }
    }
}
