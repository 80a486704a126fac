package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.HostKeyVerifier;
import ssh.api.SshHostKeyException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.DisconnectReason;
import ssh.auth.knownhosts.KnownHostsVerifier;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * Host-key verification through a real known_hosts file: accept-new records the key, strict
 * checking then accepts it, and a server presenting another key is refused with OpenSSH's words.
 */
class KnownHostsEndToEndTest {
    @TempDir
    Path dir;

    private static void connect(SshKeyPair hostKey, HostKeyVerifier verifier) throws Exception {
        connect(List.of(hostKey), verifier);
    }

    private static void connect(List<SshKeyPair> hostKeys, HostKeyVerifier verifier) throws Exception {
        MemoryPipe up = new MemoryPipe(1 << 16);
        MemoryPipe down = new MemoryPipe(1 << 16);
        Closeable both = () -> {
            up.close();
            down.close();
        };
        TransportConfig sc = TransportConfig.server().hostKeys(hostKeys)
                .hostKeyAlgorithms("ssh-ed25519,ecdsa-sha2-nistp256").build();
        CompletableFuture<Transport> server = CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.start(sc, "client", 0, up.in, down.out, both, Peers.TIMEOUT);
            } catch (Exception e) {
                return null;
            }
        });
        TransportConfig cc = TransportConfig.client().hostKeyVerifier(verifier).build();
        try (Transport client = Transport.start(cc, "build.example.org", 2222, down.in, up.out, both, Peers.TIMEOUT)) {
            assertTrue(client.isOpen());
        } finally {
            Transport s = server.join();
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void acceptNewThenStrictThenChanged() throws Exception {
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        Path knownHosts = dir.resolve("ssh/known_hosts");
        SshKeyPair key = Peers.hostKey("ssh-ed25519", Primitive.ED25519, 0);

        connect(key, KnownHostsVerifier.of(knownHosts, KnownHostsVerifier.Policy.ACCEPT_NEW, crypto, false));
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("[build.example.org]:2222 ssh-ed25519 "), lines.get(0));

        connect(key, KnownHostsVerifier.of(knownHosts, KnownHostsVerifier.Policy.YES, crypto, false));

        SshKeyPair other = Peers.hostKey("ssh-ed25519", Primitive.ED25519, 0);
        SshHostKeyException e = assertThrows(SshHostKeyException.class, () -> connect(other,
                KnownHostsVerifier.of(knownHosts, KnownHostsVerifier.Policy.ACCEPT_NEW, crypto, false)));
        assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.reasonCode());
        assertTrue(e.getMessage().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), e.getMessage());
        assertEquals(1, Files.readAllLines(knownHosts).size(), "a changed key is never recorded");
    }

    @Test
    void aHostKnownByOneKeyTypeIsAskedForThatType() throws Exception {
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        Path knownHosts = dir.resolve("known_hosts");
        SshKeyPair ed = Peers.hostKey("ssh-ed25519", Primitive.ED25519, 0);
        SshKeyPair ecdsa = Peers.hostKey("ecdsa-sha2-nistp256", Primitive.ECDSA_P256, 0);
        // First meet the server when it has only its ECDSA key.
        connect(List.of(ecdsa), KnownHostsVerifier.of(knownHosts, KnownHostsVerifier.Policy.ACCEPT_NEW, crypto, true));
        // Now it offers Ed25519 too, which the client prefers by default; the known ECDSA type wins.
        connect(List.of(ed, ecdsa), KnownHostsVerifier.of(knownHosts, KnownHostsVerifier.Policy.YES, crypto, true));
        assertEquals(1, Files.readAllLines(knownHosts).size());
    }

    @Test
    void strictCheckingRefusesAnUnknownHost() throws Exception {
        CryptoProvider crypto = AlgorithmRegistry.load().providerChain(null);
        SshHostKeyException e = assertThrows(SshHostKeyException.class,
                () -> connect(Peers.hostKey("ssh-ed25519", Primitive.ED25519, 0),
                        KnownHostsVerifier.of(dir.resolve("none"), KnownHostsVerifier.Policy.YES, crypto, true)));
        assertTrue(e.getMessage().contains("Host key verification failed."), e.getMessage());
    }
}
