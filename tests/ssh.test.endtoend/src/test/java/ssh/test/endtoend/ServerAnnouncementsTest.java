package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.MessageNumbers;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.connection.ChannelLimits;
import ssh.connection.Session;
import ssh.connection.SshClient;
import ssh.connection.SshServer;

/** hostkeys-00@openssh.com in both directions, and the server's UnusedConnectionTimeout. */
class ServerAnnouncementsTest {
    private static final ClientAuthConfig ROBEY = ClientAuthConfig.builder("robey")
            .password(PasswordPrompt.of("foo".toCharArray())).build();

    private static SshServer.Builder server() {
        return SshServer.builder().port(0)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build());
    }

    private static List<SshPublicKey> awaitKeys(SshClient c, int atLeast) throws InterruptedException {
        for (int i = 0; i < 100 && c.serverHostKeys().size() < atLeast; i++) {
            Thread.sleep(20);
        }
        return c.serverHostKeys();
    }

    @Test
    void theClientLearnsEveryHostKeyOfOurServer() throws Exception {
        SshKeyPair ed = AuthPeers.ed25519();
        SshKeyPair ec = Peers.hostKey("ecdsa-sha2-nistp256", Primitive.ECDSA_P256, 0);
        try (SshServer s = server().hostKey(ed).hostKey(ec).start();
                SshClient c = SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true)
                        .connect(ROBEY)) {
            assertEquals(Set.of(ed.publicKey(), ec.publicKey()), Set.copyOf(awaitKeys(c, 2)));
        }
    }

    /** As OpenSSH's client does, ours takes one announcement: a server cannot grow the list by repeating it. */
    @Test
    void theClientKeepsOnlyTheFirstAnnouncement() throws Exception {
        SshPublicKey first = AuthPeers.ed25519().publicKey();
        SshPublicKey second = Peers.hostKey("ecdsa-sha2-nistp256", Primitive.ECDSA_P256, 0).publicKey();
        try (RawConnectionPeer.Listener l = new RawConnectionPeer.Listener()) {
            SshClient c = l.client(ChannelLimits.DEFAULT);
            RawConnectionPeer raw = l.peer();
            raw.send(MessageNumbers.GLOBAL_REQUEST, "hostkeys-00@openssh.com", false, first.blob());
            raw.send(MessageNumbers.GLOBAL_REQUEST, "hostkeys-00@openssh.com", false, second.blob(), first.blob());
            raw.probe();  // answered after both announcements, on the same dispatcher
            assertEquals(List.of(first), c.serverHostKeys());
        }
    }

    @Test
    void theClientLearnsSshdsHostKeys() throws Exception {
        OpenSsh.assumeTestUser();
        try (OpenSsh.Sshd sshd = OpenSsh.Sshd.start(List.of("PasswordAuthentication yes"));
                SshClient c = SshClient.builder("127.0.0.1", sshd.port).hostKeyVerifier((h, p, k) -> true)
                        .connect(ClientAuthConfig.builder(OpenSsh.TEST_USER)
                                .password(PasswordPrompt.of(OpenSsh.TEST_PASSWORD.toCharArray())).build())) {
            List<SshPublicKey> keys = awaitKeys(c, 4);
            Set<String> types = keys.stream().map(SshPublicKey::type).collect(Collectors.toSet());
            assertTrue(types.containsAll(Set.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa")), types.toString());
            assertTrue(keys.contains(c.connection().transport().serverHostKey()), "the verified key is among them");
        }
    }

    @Test
    void maxStartupsDropsConnectionsPastTheLimit() throws Exception {
        try (SshServer s = server().hostKey(AuthPeers.ed25519()).maxStartups(1).start();
                java.net.Socket silent = new java.net.Socket("127.0.0.1", s.port())) {
            silent.getInputStream().read(new byte[64]);  // its version line: the slot is taken
            org.junit.jupiter.api.Assertions.assertThrows(ssh.api.SshException.class,
                    () -> SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true).connect(ROBEY));
            silent.close();
            SshClient later = null;
            for (int i = 0; i < 50 && later == null; i++) {
                try {
                    later = SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true).connect(ROBEY);
                } catch (ssh.api.SshException notYet) {
                    Thread.sleep(50);
                }
            }
            assertTrue(later != null, "a slot frees when the silent connection goes");
            later.close();
        }
    }

    @Test
    void anUnusedConnectionIsClosedAndAUsedOneKept() throws Exception {
        try (SshServer s = server().hostKey(AuthPeers.ed25519()).unusedConnectionTimeout(Duration.ofMillis(300))
                .exec(session -> {
                    session.stdin().transferTo(java.io.OutputStream.nullOutputStream());
                    return 0;
                }).start();
                SshClient busy = SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true)
                        .connect(ROBEY);
                SshClient idle = SshClient.builder("127.0.0.1", s.port()).hostKeyVerifier((h, p, k) -> true)
                        .connect(ROBEY)) {
            try (Session open = busy.openSession()) {
                open.exec("wait");
                for (int i = 0; i < 150 && idle.connection().isOpen(); i++) {
                    Thread.sleep(20);
                }
                assertFalse(idle.connection().isOpen(), "a connection without channels is closed");
                assertTrue(busy.connection().isOpen(), "a connection with a channel stays");
            }
        }
    }
}
