package ssh.auth.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.auth.knownhosts.Fixtures.ed25519;
import static ssh.auth.knownhosts.Fixtures.line;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ssh.api.SshHostKeyException;
import ssh.api.crypto.Fingerprints;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.DisconnectReason;
import ssh.auth.knownhosts.KnownHostsVerifier.Policy;

/** KnownHostsVerifier: each StrictHostKeyChecking policy, and what it writes to the file. */
class KnownHostsVerifierTest {
    static final CryptoProvider CRYPTO = Fixtures.crypto();

    static KnownHostsVerifier verifier(Path file, Policy policy) {
        return KnownHostsVerifier.of(file, policy, CRYPTO, false);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void knownKeyIsAcceptedAndTheFileLeftAlone(Policy policy, @TempDir Path dir) throws Exception {
        SshPublicKey k = ed25519();
        Path f = dir.resolve("known_hosts");
        Files.write(f, List.of(line("example.com", k), line("[example.com]:2222", k)));
        byte[] before = Files.readAllBytes(f);
        assertTrue(verifier(f, policy).verify("example.com", 22, k));
        assertTrue(verifier(f, policy).verify("EXAMPLE.com", 2222, k));
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(f));
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void changedKeyIsRejectedUnderEveryPolicy(Policy policy, @TempDir Path dir) throws Exception {
        SshPublicKey k = ed25519();
        SshPublicKey impostor = ed25519();
        Path f = dir.resolve("known_hosts");
        Files.write(f, List.of("# header", line("example.com", k)));
        byte[] before = Files.readAllBytes(f);
        SshHostKeyException e = assertThrows(SshHostKeyException.class,
                () -> verifier(f, policy).verify("example.com", 22, impostor));
        assertTrue(e.getMessage().contains("WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!"), e.getMessage());
        assertTrue(e.getMessage().contains(Fingerprints.sha256(impostor, CRYPTO)), e.getMessage());
        assertTrue(e.getMessage().contains("Offending ED25519 key in " + f + ":2"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Host key verification failed."), e.getMessage());
        assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.reasonCode());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(f), "nothing is appended");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void revokedKeyIsRejectedUnderEveryPolicy(Policy policy, @TempDir Path dir) throws Exception {
        SshPublicKey k = ed25519();
        Path f = dir.resolve("known_hosts");
        Files.write(f, List.of(line("example.com", k), "@revoked " + line("*", k)));
        SshHostKeyException e = assertThrows(SshHostKeyException.class,
                () -> verifier(f, policy).verify("example.com", 22, k));
        assertTrue(e.getMessage().startsWith("WARNING: REVOKED HOST KEY DETECTED!"), e.getMessage());
        assertTrue(e.getMessage().contains("ED25519 host key for example.com"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Host key verification failed."), e.getMessage());
        assertThrows(SshHostKeyException.class, () -> verifier(f, policy).verify("new.example", 22, k),
                "a revoked key is not learnt for a new host either");
        assertEquals(2, Files.readAllLines(f).size());
    }

    @Test
    void yesRejectsUnknownHostsAndNeverWrites(@TempDir Path dir) throws Exception {
        SshPublicKey k = ed25519();
        Path f = dir.resolve("sub").resolve("known_hosts");
        SshHostKeyException e = assertThrows(SshHostKeyException.class,
                () -> verifier(f, Policy.YES).verify("example.com", 2222, k));
        assertEquals("No ED25519 host key is known for [example.com]:2222 and you have requested strict checking."
                + " Host key verification failed.", e.getMessage());
        assertFalse(Files.exists(f.getParent()));
    }

    @Test
    void acceptNewCreatesDirectoriesAndFileAndRemembers(@TempDir Path dir) throws Exception {
        SshPublicKey k = ed25519();
        Path f = dir.resolve("a").resolve(".ssh").resolve("known_hosts");
        KnownHostsVerifier v = verifier(f, Policy.ACCEPT_NEW);
        assertTrue(v.verify("Example.com", 2222, k));
        assertEquals(KnownHosts.appendLine("example.com", 2222, k, false, CRYPTO) + "\n", Files.readString(f));
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
        }
        assertTrue(v.verify("example.com", 2222, k), "now known");
        assertEquals(1, Files.readAllLines(f).size(), "known keys are not appended again");
        assertThrows(SshHostKeyException.class, () -> v.verify("example.com", 2222, ed25519()));
        SshPublicKey k2 = ed25519();
        assertTrue(v.verify("other.example", 22, k2));
        assertEquals(KnownHosts.Match.KNOWN, KnownHosts.load(f, CRYPTO).check("other.example", 22, k2));
        assertEquals(2, Files.readAllLines(f).size());
    }

    @Test
    void acceptNewCanHashWhatItWrites(@TempDir Path dir) throws Exception {
        SshPublicKey k = ed25519();
        Path f = dir.resolve("known_hosts");
        KnownHostsVerifier v = KnownHostsVerifier.of(f, Policy.ACCEPT_NEW, CRYPTO, true);
        assertTrue(v.verify("secret.example", 22, k));
        String written = Files.readString(f);
        assertTrue(written.startsWith("|1|") && !written.contains("secret"), written);
        assertTrue(v.verify("secret.example", 22, k));
        assertEquals(written, Files.readString(f));
    }

    @Test
    void noAcceptsAndRecordsUnknownHosts(@TempDir Path dir) throws Exception {
        SshPublicKey k = ed25519();
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, "# no newline at the end");
        assertTrue(verifier(f, Policy.NO).verify("example.com", 22, k));
        assertEquals("# no newline at the end\n" + line("example.com", k) + "\n", Files.readString(f));
        SshHostKeyException e = assertThrows(SshHostKeyException.class,
                () -> verifier(f, Policy.NO).verify("example.com", 22, ed25519()));
        assertTrue(e.getMessage().contains("even with StrictHostKeyChecking=no"), e.getMessage());
    }

    @Test
    void aKeyThatCannotBeRecordedIsRejected(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a directory should be");
        Path f = blocker.resolve("known_hosts");
        SshHostKeyException e = assertThrows(SshHostKeyException.class,
                () -> verifier(f, Policy.ACCEPT_NEW).verify("example.com", 22, ed25519()));
        assertTrue(e.getMessage().contains("Host key verification failed."), e.getMessage());
    }

    @Test
    void hostNamesThatCannotBeRecordedAreRejected(@TempDir Path dir) {
        Path f = dir.resolve("known_hosts");
        for (String bad : List.of("*", "a,b", "a b", "")) {
            assertThrows(SshHostKeyException.class, () -> verifier(f, Policy.NO).verify(bad, 22, ed25519()), bad);
        }
        assertFalse(Files.exists(f));
    }

    @Test
    void policiesAreNamedAsInSshConfig() {
        assertEquals(Policy.YES, Policy.fromConfig("yes"));
        assertEquals(Policy.ACCEPT_NEW, Policy.fromConfig("Accept-New"));
        assertEquals(Policy.NO, Policy.fromConfig("no"));
        assertEquals(Policy.NO, Policy.fromConfig("off"));
        assertThrows(IllegalArgumentException.class, () -> Policy.fromConfig("ask"));
        assertThrows(IllegalArgumentException.class, () -> Policy.fromConfig("maybe"));
    }
}
