package ssh.auth.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.auth.knownhosts.Fixtures.ecdsa;
import static ssh.auth.knownhosts.Fixtures.ed25519;
import static ssh.auth.knownhosts.Fixtures.line;
import static ssh.auth.knownhosts.KnownHosts.Match.CHANGED;
import static ssh.auth.knownhosts.KnownHosts.Match.KNOWN;
import static ssh.auth.knownhosts.KnownHosts.Match.REVOKED;
import static ssh.auth.knownhosts.KnownHosts.Match.UNKNOWN;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.auth.knownhosts.KnownHostEntry.Marker;

/** KnownHosts: parsing the OpenSSH format, host matching, and the answers of check. */
class KnownHostsTest {
    static final CryptoProvider CRYPTO = Fixtures.crypto();

    static KnownHosts parse(String... lines) {
        return KnownHosts.parse(List.of(lines), CRYPTO);
    }

    @Test
    void plainNameIsKnownOnPort22Only() throws Exception {
        SshPublicKey k = ed25519();
        KnownHosts kh = parse(line("example.com", k));
        assertEquals(KNOWN, kh.check("example.com", 22, k));
        assertEquals(KNOWN, kh.check("Example.COM", 22, k), "host names compare case-insensitively");
        assertEquals(KNOWN, kh.check("example.com", 0, k), "port 0 means the default port, as in OpenSSH");
        assertEquals(UNKNOWN, kh.check("example.com", 2222, k));
        assertEquals(UNKNOWN, kh.check("other.com", 22, k));
        assertEquals(UNKNOWN, kh.check("example.co", 22, k));
    }

    @Test
    void commaListNamesEveryHost() throws Exception {
        SshPublicKey k = ed25519();
        KnownHosts kh = parse(line("example.com,192.0.2.10,2001:db8::1", k));
        assertEquals(KNOWN, kh.check("example.com", 22, k));
        assertEquals(KNOWN, kh.check("192.0.2.10", 22, k));
        assertEquals(KNOWN, kh.check("2001:db8::1", 22, k));
        assertEquals(UNKNOWN, kh.check("192.0.2.1", 22, k));
    }

    @Test
    void bracketsCarryTheNonStandardPort() throws Exception {
        SshPublicKey k = ed25519();
        KnownHosts kh = parse(line("[example.com]:2222,[2001:db8::1]:2200", k));
        assertEquals(KNOWN, kh.check("example.com", 2222, k));
        assertEquals(KNOWN, kh.check("2001:db8::1", 2200, k));
        assertEquals(UNKNOWN, kh.check("example.com", 22, k));
        assertEquals(UNKNOWN, kh.check("example.com", 2223, k));
        assertEquals("[example.com]:2222", KnownHosts.hostName("Example.Com", 2222));
        assertEquals("example.com", KnownHosts.hostName("example.com", 22));
    }

    @Test
    void wildcards() throws Exception {
        SshPublicKey k = ed25519();
        KnownHosts kh = parse(line("*.example.com,host?.lan,[*.example.org]:2222", k));
        assertEquals(KNOWN, kh.check("www.example.com", 22, k));
        assertEquals(KNOWN, kh.check("a.b.example.com", 22, k));
        assertEquals(UNKNOWN, kh.check("example.com", 22, k));
        assertEquals(KNOWN, kh.check("host1.lan", 22, k));
        assertEquals(UNKNOWN, kh.check("host12.lan", 22, k));
        assertEquals(UNKNOWN, kh.check("host.lan", 22, k));
        assertEquals(KNOWN, kh.check("a.example.org", 2222, k));
        assertEquals(UNKNOWN, kh.check("a.example.org", 22, k));
        assertEquals(KNOWN, parse(line("*", k)).check("example.com", 2222, k), "* matches [host]:port too");
    }

    @Test
    void negatedMatchExcludesTheLine() throws Exception {
        SshPublicKey k = ed25519();
        KnownHosts kh = parse(line("*.example.com,!secret.example.com", k));
        assertEquals(KNOWN, kh.check("www.example.com", 22, k));
        assertEquals(UNKNOWN, kh.check("secret.example.com", 22, k));
        assertEquals(UNKNOWN, kh.check("SECRET.example.com", 22, k));
        KnownHosts onlyNegated = parse(line("!foo", k));
        assertEquals(UNKNOWN, onlyNegated.check("bar", 22, k), "a line with only negated patterns names no host");
        assertEquals(UNKNOWN, onlyNegated.check("foo", 22, k));
    }

    @Test
    void revokedWinsForEveryHost() throws Exception {
        SshPublicKey k = ed25519();
        assertEquals(REVOKED, parse(line("example.com", k), "@revoked * " + line("", k).strip()).check("example.com", 22, k));
        assertEquals(REVOKED, parse("@revoked " + line("elsewhere.org", k), line("example.com", k))
                .check("example.com", 22, k), "secsh applies @revoked whatever the line's host patterns");
        assertEquals(REVOKED, parse("@revoked " + line("x", k)).check("never.seen", 2222, k));
        SshPublicKey other = ed25519();
        assertEquals(KNOWN, parse(line("example.com", k), "@revoked " + line("*", other)).check("example.com", 22, k));
    }

    @Test
    void changedMeansTheHostHasOnlyOtherKeys() throws Exception {
        SshPublicKey k1 = ed25519();
        SshPublicKey k2 = ed25519();
        KnownHosts kh = parse(line("example.com", k1));
        assertEquals(CHANGED, kh.check("example.com", 22, k2));
        assertEquals(CHANGED, kh.check("example.com", 22, ecdsa()), "another key type also counts, as in OpenSSH");
        assertEquals(UNKNOWN, kh.check("example.org", 22, k2));
        assertEquals(UNKNOWN, kh.check("example.com", 2222, k2));
        KnownHosts both = parse(line("example.com", k1), line("example.com,other", k2));
        assertEquals(KNOWN, both.check("example.com", 22, k2), "any matching line with the key is enough");
        assertEquals(KNOWN, both.check("example.com", 22, k1));
        assertEquals(List.of("ssh-ed25519"), both.keyTypesFor("example.com", 22));
        assertEquals(List.of("ssh-ed25519", "ecdsa-sha2-nistp256"),
                parse(line("h", k1), line("h", ecdsa()), line("h", k2)).keyTypesFor("h", 22));
    }

    @Test
    void markedLinesDoNotMakeAHostKnown() throws Exception {
        SshPublicKey ca = ed25519();
        KnownHosts kh = parse("@cert-authority *.example.com,!bad.example.com " + line("", ca).strip() + "  my CA key ",
                "@revoked other " + line("", ed25519()).strip());
        assertEquals(UNKNOWN, kh.check("www.example.com", 22, ca), "a CA key is not a host key");
        assertEquals(UNKNOWN, kh.check("other", 22, ed25519()), "revoked lines do not make a host known");
        List<KnownHostEntry> cas = kh.certAuthorities();
        assertEquals(1, cas.size());
        KnownHostEntry e = cas.getFirst();
        assertEquals(Marker.CERT_AUTHORITY, e.marker());
        assertEquals("*.example.com,!bad.example.com", e.hosts());
        assertEquals(ca, e.key());
        assertEquals("my CA key", e.comment());
        assertEquals(1, e.line());
        assertTrue(e.keyChecked());
        assertEquals(cas, kh.certAuthoritiesFor("www.example.com", 22));
        assertEquals(List.of(), kh.certAuthoritiesFor("bad.example.com", 22));
        assertEquals(List.of(), kh.certAuthoritiesFor("www.example.com", 2222));
    }

    @Test
    void unknownKeyTypesAreKeptRaw() throws Exception {
        SshPublicKey odd = Fixtures.unknownType("ssh-future@example.org");
        KnownHosts kh = parse(line("example.com", odd));
        assertEquals(List.of(), kh.skippedLines());
        assertFalse(kh.entries().getFirst().keyChecked());
        assertEquals(odd, kh.entries().getFirst().key());
        assertEquals(KNOWN, kh.check("example.com", 22, odd));
        assertEquals(CHANGED, kh.check("example.com", 22, ed25519()), "the host is known with another key");
    }

    @Test
    void commentsBlankAndGarbageLinesAreSkippedAndCounted() throws Exception {
        SshPublicKey k = ed25519();
        String b64 = Base64.getEncoder().encodeToString(k.blob());
        byte[] truncated = Arrays.copyOf(k.blob(), k.blob().length - 1);
        KnownHosts kh = parse(
                "# a comment",                                                      // 1
                "",                                                                 // 2
                "   \t ",                                                           // 3
                "  # indented comment " + line("example.com", k),                   // 4
                "garbage",                                                          // 5
                "example.com ssh-ed25519",                                          // 6
                "example.com ssh-ed25519 not*base64",                               // 7
                "@bogus " + line("example.com", k),                                 // 8
                "example.com ssh-rsa " + b64,                                       // 9: type field lies
                "example.com ssh-ed25519 " + Base64.getEncoder().encodeToString(truncated), // 10
                "|1|c2FsdA==|aGFzaA== ssh-ed25519 " + b64,                          // 11: salt too short
                "|2|" + "A".repeat(28) + "|" + "A".repeat(28) + " ssh-ed25519 " + b64, // 12: unknown hash
                "@revoked",                                                         // 13
                "example.com 1024 35 1234567",                                      // 14: SSH-1 RSA
                line("  good.example\t", k) + " trailing comment\r");               // 15
        assertEquals(List.of(5, 6, 7, 8, 9, 10, 11, 12, 13, 14), kh.skippedLines());
        assertEquals(1, kh.entries().size());
        assertEquals(15, kh.entries().getFirst().line());
        assertEquals("trailing comment", kh.entries().getFirst().comment());
        assertEquals(KNOWN, kh.check("good.example", 22, k));
        assertEquals(UNKNOWN, kh.check("example.com", 22, k));
    }

    @Test
    void hashedLineWrittenByOpenSshIsFound() throws Exception {
        // Appended by OpenSSH 9.2's ssh with HashKnownHosts=yes after connecting to 127.0.0.1 port 47222.
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINLNYxH6yW1dF87H+pin77nAJvlYsJ5wLC13YMaeIJKi";
        KnownHosts kh = parse("|1|v3odElMU7TPFEgShjMSDuiKB+sw=|NhKq87KgjCYVdhOWzUOLasOvrm8= " + key);
        SshPublicKey k = Fixtures.fromPub(key);
        assertTrue(kh.entries().getFirst().hashed());
        assertEquals(KNOWN, kh.check("127.0.0.1", 47222, k));
        assertEquals(UNKNOWN, kh.check("127.0.0.1", 22, k));
        assertEquals(UNKNOWN, kh.check("127.0.0.2", 47222, k));
        assertEquals(CHANGED, kh.check("127.0.0.1", 47222, ed25519()));
    }

    @Test
    void appendLineIsOpenSshsLine() throws Exception {
        SshPublicKey k = ed25519();
        String b64 = Base64.getEncoder().encodeToString(k.blob());
        assertEquals("example.com ssh-ed25519 " + b64, KnownHosts.appendLine("Example.com", 22, k, false, CRYPTO));
        assertEquals("[example.com]:2222 ssh-ed25519 " + b64, KnownHosts.appendLine("example.com", 2222, k, false, CRYPTO));
        String hashed = KnownHosts.appendLine("example.com", 22, k, true, CRYPTO);
        assertTrue(hashed.matches("\\|1\\|[A-Za-z0-9+/]{27}=\\|[A-Za-z0-9+/]{27}= ssh-ed25519 \\Q" + b64 + "\\E"), hashed);
        assertNotEquals(hashed, KnownHosts.appendLine("example.com", 22, k, true, CRYPTO), "a fresh salt every time");
    }

    @ParameterizedTest
    @ValueSource(ints = {22, 2222})
    void appendLineRoundTrips(int port) throws Exception {
        SshPublicKey k = ed25519();
        for (boolean hashed : new boolean[] {false, true}) {
            KnownHosts kh = parse(KnownHosts.appendLine("host.example", port, k, hashed, CRYPTO));
            assertEquals(hashed, kh.entries().getFirst().hashed());
            assertEquals(KNOWN, kh.check("host.example", port, k));
            assertEquals(KNOWN, kh.check("HOST.example", port, k));
            assertEquals(CHANGED, kh.check("host.example", port, ed25519()));
            assertEquals(UNKNOWN, kh.check("host.example", port + 1, k));
            assertEquals(UNKNOWN, kh.check("host.exampl", port, k));
        }
    }

    @Test
    void namesThatCouldWidenALineAreRefused() {
        SshPublicKey k = ed25519();
        for (String bad : List.of("", "a,b", "*", "h?", "!h", "[h]:22", "|1|x", "#h", "@revoked", "a b", "a\tb", "a\nb")) {
            assertThrows(IllegalArgumentException.class, () -> KnownHosts.appendLine(bad, 22, k, false, CRYPTO), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> KnownHosts.hostName("h", -1));
        assertThrows(IllegalArgumentException.class, () -> KnownHosts.hostName("h", 65536));
        SshPublicKey spaced = new SshPublicKey("ssh ed25519", k.blob());
        assertThrows(IllegalArgumentException.class, () -> KnownHosts.appendLine("h", 22, spaced, false, CRYPTO));
    }

    @Test
    void loadReadsFilesAndMissingIsEmpty(@TempDir Path dir) throws Exception {
        assertEquals(0, KnownHosts.load(dir.resolve("missing"), CRYPTO).entries().size());
        SshPublicKey k = ed25519();
        Path f = dir.resolve("known_hosts");
        byte[] bad = {(byte) 0xff, (byte) 0xfe, ' ', 'x', '\n'};
        byte[] good = (line("a", k) + "\r\n# c\r\n" + line("b", k)).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(good, 0, all, bad.length, good.length);
        Files.write(f, all);
        KnownHosts kh = KnownHosts.load(f, CRYPTO);
        assertEquals(List.of(1), kh.skippedLines());
        assertEquals(List.of(2, 4), kh.entries().stream().map(KnownHostEntry::line).toList());
        assertEquals(KNOWN, kh.check("b", 22, k));
    }
}
