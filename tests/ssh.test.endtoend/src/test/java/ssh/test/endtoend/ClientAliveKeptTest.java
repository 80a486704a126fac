package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ssh.connection.ExecResult;
import ssh.connection.SshClient;
import ssh.connection.SshServer;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * ClientAliveInterval/ClientAliveCountMax keep a client that answers: the opposite of
 * {@link ServerKeepaliveTest}. Our server asks every 200 ms and gives up after 2 unanswered
 * requests; a real secsh client that sits idle for 2 s (ten intervals) answers each keepalive from
 * its dispatcher, so the server keeps it, and the connection still runs a command afterwards. The
 * bytes the client's socket received while it was idle show the keepalives really came.
 *
 * <p>Fails without the protection, either way round (each tried on a copy of the main code):
 * make the client ignore requests (in {@code GlobalRequests.onRequest}, drop the
 * {@code if (wantReply) send(...)} reply), or make the server count answered keepalives as
 * missed (in {@code GlobalRequests}'s keepalive loop, treat the REQUEST_FAILURE reply, which is what a client
 * that does not know {@code keepalive@openssh.com} sends, as no answer:
 * {@code if (globalRequest(...).isEmpty()) throw new SshException("refused")}); the server then
 * drops the client after about 600 ms.
 */
@Timeout(30)
class ClientAliveKeptTest {
    private static final Duration INTERVAL = Duration.ofMillis(200);

    /** An input stream that counts what it reads. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }

    @Test
    void aClientThatAnswersKeepalivesIsKept() throws Exception {
        try (SshServer server = SshServer.builder().hostKey(AuthPeers.ed25519()).port(0)
                .auth(RawConnectionPeer.PASSWORDS).clientAlive(INTERVAL, 2)
                .exec(s -> {
                    s.stdout().write("still here".getBytes(StandardCharsets.UTF_8));
                    return 0;
                }).shell(null).start()) {
            AtomicLong received = new AtomicLong();
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
            socket.setTcpNoDelay(true);
            TransportConfig config = TransportConfig.client().hostKeyVerifier((h, p, k) -> true).build();
            Transport t = Transport.start(config, "127.0.0.1", server.port(),
                    new Counting(socket.getInputStream(), received), socket.getOutputStream(), socket,
                    RawConnectionPeer.WAIT);
            try (SshClient client = SshClient.builder("127.0.0.1", server.port()).over(t,
                    RawConnectionPeer.credentials())) {
                Thread.sleep(300);  // let the login's own traffic (the host-key announcement) settle
                long before = received.get();
                Thread.sleep(2000);
                long idle = received.get() - before;
                assertTrue(client.connection().isOpen(), "the server dropped a client that answers keepalives");
                // each keepalive@openssh.com is an encrypted packet of at least 32 bytes
                assertTrue(idle >= 5 * 32, "only " + idle + " bytes reached the idle client: no keepalives were sent");
                ExecResult r = client.exec("check", RawConnectionPeer.WAIT);
                assertEquals(0, r.exitStatus());
                assertEquals("still here", r.stdoutText());
                assertTrue(client.connection().isOpen());
            }
        }
    }
}
