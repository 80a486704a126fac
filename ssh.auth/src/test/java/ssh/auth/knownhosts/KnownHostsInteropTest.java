package ssh.auth.knownhosts;

import ssh.auth.testing.OpenSshTools.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.auth.knownhosts.Fixtures.line;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;

/**
 * KnownHosts against the real OpenSSH: a file hashed by {@code ssh-keygen -H} answers exactly as
 * its plain original, and {@code ssh-keygen -F} finds the hashed lines secsh writes. Skipped
 * loudly without ssh-keygen, failed when {@code SECSH_INTEROP=require}.
 */
class KnownHostsInteropTest {
    static final CryptoProvider CRYPTO = Fixtures.crypto();

    @Test
    void fileHashedBySshKeygenAnswersLikeThePlainOne(@TempDir Path dir) throws Exception {
        Fixtures.assumeSshKeygen();
        SshPublicKey ed = Fixtures.keygen(dir, "ed25519");
        SshPublicKey ec = Fixtures.keygen(dir, "ecdsa");
        SshPublicKey rsa = Fixtures.keygen(dir, "rsa");
        SshPublicKey stranger = Fixtures.keygen(dir, "ed25519");
        SshPublicKey revoked = Fixtures.keygen(dir, "ed25519");
        List<String> plain = List.of(
                "# hosts",
                line("alpha.example,192.0.2.1", ed),
                line("[beta.example]:2222", ec),
                line("gamma.example", rsa) + " a comment",
                line("gamma.example", ed),
                line("*.wild.example,!no.wild.example", ed),
                "@revoked " + line("*", revoked),
                "@cert-authority " + line("*.ca.example", ec));
        Path file = dir.resolve("known_hosts");
        Files.write(file, plain, StandardCharsets.UTF_8);
        Result r = Fixtures.run(List.of(Fixtures.SSH_KEYGEN.toString(), "-H", "-f", file.toString()));
        assertEquals(0, r.exit(), r.output());
        List<String> hashed = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertNotEquals(plain, hashed);
        assertTrue(hashed.stream().anyMatch(l -> l.startsWith("|1|")), String.join("\n", hashed));

        KnownHosts p = KnownHosts.parse(plain, CRYPTO);
        KnownHosts h = KnownHosts.load(file, CRYPTO);
        assertEquals(List.of(), p.skippedLines());
        assertEquals(List.of(), h.skippedLines());
        assertEquals(1, h.certAuthorities().size());
        List<String> hosts = List.of("alpha.example", "192.0.2.1", "beta.example", "gamma.example", "a.wild.example",
                "no.wild.example", "x.ca.example", "unknown.example");
        List<String> answers = new ArrayList<>();
        for (String host : hosts) {
            for (int port : new int[] {22, 2222}) {
                for (SshPublicKey key : List.of(ed, ec, rsa, stranger, revoked)) {
                    KnownHosts.Match want = p.check(host, port, key);
                    assertEquals(want, h.check(host, port, key), host + ":" + port + " " + key);
                    answers.add(want.name());
                }
            }
        }
        assertEquals(KnownHosts.Match.KNOWN, h.check("alpha.example", 22, ed));
        assertEquals(KnownHosts.Match.KNOWN, h.check("beta.example", 2222, ec));
        assertEquals(KnownHosts.Match.CHANGED, h.check("beta.example", 2222, ed));
        assertEquals(KnownHosts.Match.KNOWN, h.check("gamma.example", 22, rsa));
        assertEquals(KnownHosts.Match.KNOWN, h.check("gamma.example", 22, ed));
        assertEquals(KnownHosts.Match.REVOKED, h.check("alpha.example", 22, revoked));
        assertEquals(KnownHosts.Match.UNKNOWN, h.check("no.wild.example", 22, ed));
        assertTrue(answers.containsAll(List.of("KNOWN", "CHANGED", "UNKNOWN", "REVOKED")));
    }

    @Test
    void sshKeygenFindsTheLinesSecshAppends(@TempDir Path dir) throws Exception {
        Fixtures.assumeSshKeygen();
        SshPublicKey key = Fixtures.keygen(dir, "ed25519");
        Path file = dir.resolve("known_hosts");
        Files.write(file, List.of(
                KnownHosts.appendLine("delta.example", 22, key, true, CRYPTO),
                KnownHosts.appendLine("delta.example", 2200, key, true, CRYPTO),
                KnownHosts.appendLine("epsilon.example", 2201, key, false, CRYPTO)), StandardCharsets.UTF_8);
        for (String name : List.of("delta.example", "[delta.example]:2200", "[epsilon.example]:2201")) {
            Result r = Fixtures.run(List.of(Fixtures.SSH_KEYGEN.toString(), "-F", name, "-f", file.toString()));
            assertEquals(0, r.exit(), name + ": " + r.output());
            assertTrue(r.output().contains(Fixtures.line("", key).strip()), r.output());
        }
        for (String name : List.of("delta.exampl", "[delta.example]:2201", "epsilon.example")) {
            Result r = Fixtures.run(List.of(Fixtures.SSH_KEYGEN.toString(), "-F", name, "-f", file.toString()));
            assertEquals(1, r.exit(), name + ": " + r.output());
        }
    }
}
