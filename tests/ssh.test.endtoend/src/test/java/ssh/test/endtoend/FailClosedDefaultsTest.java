package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.SshHostKeyException;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.DisconnectReason;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.connection.SshClient;
import ssh.connection.SshServer;
import ssh.transport.TransportConfig;

/**
 * Fail-closed defaults of the client: an {@link SshClient} given no host-key verifier checks
 * {@code ~/.ssh/known_hosts} (here {@code user.home} points at a temporary directory) with strict
 * checking, so an unknown or changed host key is refused before authentication and nothing is
 * written to the file; a transport-level client without a verifier cannot even be configured. A
 * verifier that throws is a refusal: that is {@code TransportKexHostileTest.verifierThrowsRuntimeException}
 * and {@code verifierThrowsSshException}, not repeated here.
 *
 * <p>The control, {@link #knownHostIsAccepted()}, shows the default verifier really reads the
 * file under {@code user.home}. To see the refusals fail, make {@code SshClient.Builder.config()}
 * default to {@code (h, p, k) -> true} or to {@code Policy.ACCEPT_NEW}.
 */
@Timeout(30)
class FailClosedDefaultsTest {
    @TempDir
    Path home;
    private String savedHome;
    private SshServer server;
    private SshKeyPair hostKey;
    private final AtomicInteger passwordChecks = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        savedHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        hostKey = AuthPeers.ed25519();
        PasswordAuthenticator passwords = PasswordAuthenticator.of(Map.of("robey", "foo"));
        server = SshServer.builder().hostKey(hostKey).port(0).auth(ServerAuthConfig.builder()
                .password((user, password, from) -> {
                    passwordChecks.incrementAndGet();
                    return passwords.authenticate(user, password, from);
                }).build()).exec(s -> 0).start();
    }

    @AfterEach
    void stop() {
        System.setProperty("user.home", savedHome);
        server.close();
    }

    private SshClient connect() throws Exception {
        return SshClient.builder("127.0.0.1", server.port())
                .connect(ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build());
    }

    private Path knownHosts() {
        return home.resolve(".ssh").resolve("known_hosts");
    }

    private void writeKnownHosts(SshKeyPair key) throws Exception {
        Files.createDirectories(knownHosts().getParent());
        Files.writeString(knownHosts(), "[127.0.0.1]:" + server.port() + " " + key.publicKey().type() + " "
                + Base64.getEncoder().encodeToString(key.publicKey().blob()) + "\n");
    }

    @Test
    void unknownHostIsRefusedWithoutAVerifier() {
        SshHostKeyException e = assertThrows(SshHostKeyException.class, this::connect);
        assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.reasonCode());
        assertTrue(e.getMessage().contains("Host key verification failed."), e.getMessage());
        assertFalse(Files.exists(knownHosts()), "the default verifier recorded an unknown host");
        assertEquals(0, passwordChecks.get(), "the password went to an unverified host");
    }

    @Test
    void changedHostKeyIsRefusedWithoutAVerifier() throws Exception {
        writeKnownHosts(AuthPeers.ed25519());
        List<String> before = Files.readAllLines(knownHosts());
        SshHostKeyException e = assertThrows(SshHostKeyException.class, this::connect);
        assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.reasonCode());
        assertTrue(e.getMessage().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), e.getMessage());
        assertEquals(before, Files.readAllLines(knownHosts()), "known_hosts changed");
        assertEquals(0, passwordChecks.get());
    }

    /** The control: with the server's key in ~/.ssh/known_hosts the same default client logs in. */
    @Test
    void knownHostIsAccepted() throws Exception {
        writeKnownHosts(hostKey);
        try (SshClient c = connect()) {
            assertEquals(0, c.exec("true").exitStatus());
        }
        assertEquals(1, passwordChecks.get());
    }

    /** An explicit null verifier means the default, not "accept anything". */
    @Test
    void nullVerifierMeansKnownHosts() {
        assertThrows(SshHostKeyException.class, () -> SshClient.builder("127.0.0.1", server.port())
                .hostKeyVerifier(null)
                .connect(ClientAuthConfig.builder("robey").password(PasswordPrompt.of("foo".toCharArray())).build()));
        assertEquals(0, passwordChecks.get());
    }

    /** Below SshClient there is no default at all: a client transport needs a verifier to be configured. */
    @Test
    void transportClientNeedsAVerifier() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TransportConfig.client().build());
        assertTrue(e.getMessage().contains("host-key verifier"), e.getMessage());
    }
}
