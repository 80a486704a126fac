package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.crypto.SshKeyPair;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.PublicKeyAuthenticator;
import ssh.auth.ServerAuthConfig;
import ssh.connection.Channel;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/** What the loopback forwarding tests share: a secsh server and client on loopback, closed after each test. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ForwardingTestBase {
    static final Duration T = Duration.ofSeconds(30);
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final long MIB = 1024 * 1024;
    private final List<AutoCloseable> open = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    /** Closes {@code c} after the test. */
    <C extends AutoCloseable> C track(C c) {
        open.add(c);
        return c;
    }

    /** Starts {@code server} on a free port with password login, and a client logged in to it. */
    SshClient start(SshServer.Builder server) throws Exception {
        SshServer s = startServer(server);
        return track(SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true)
                .connect(ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build()));
    }

    SshServer startServer(SshServer.Builder server) throws Exception {
        return track(server.hostKey(AuthPeers.ed25519()).port(0)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build())
                .start());
    }

    /** A client logged in with a key whose authorized_keys line has {@code options}. */
    SshClient startWithKeyOptions(String options) throws Exception {
        SshKeyPair key = AuthPeers.ed25519();
        Path authorized = AuthPeers.authorizedKeys(dir, options, key);
        SshServer s = track(SshServer.builder().hostKey(AuthPeers.ed25519()).port(0)
                .auth(ServerAuthConfig.builder().publicKey(PublicKeyAuthenticator.authorizedKeys(u -> authorized)).build())
                .start());
        return track(SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true)
                .connect(ClientAuthConfig.builder("robey").key(key).build()));
    }

    static InetSocketAddress anyPort() {
        return new InetSocketAddress(LOOPBACK, 0);
    }

    /** An echo round trip of {@code bytes} over a channel to an echo server; closes the channel. */
    static void roundTrip(Channel c, long bytes) throws Exception {
        try (c) {
            EchoServer.roundTrip(c.getInputStream(), c.getOutputStream(), () -> {
                try {
                    c.shutdownOutput();
                } catch (SshException e) {
                    throw new RuntimeException(e);
                }
            }, bytes, 42);
        }
    }

    /** The failure code of the channel open that {@code open} attempts. */
    static int openFailure(Attempt open) {
        return assertThrows(SshChannelOpenException.class, open::run).failureCode();
    }

    /** Something that should fail. */
    @FunctionalInterface
    interface Attempt {
        void run() throws Exception;
    }
}
