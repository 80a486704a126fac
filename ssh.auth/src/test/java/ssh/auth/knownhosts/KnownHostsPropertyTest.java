package ssh.auth.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import ssh.api.algorithms.PreferenceList;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;

/** Properties: garbage never makes parse throw, globbing agrees with a regex, and appended lines are found. */
class KnownHostsPropertyTest {
    static final CryptoProvider CRYPTO = Fixtures.crypto();
    static final SshPublicKey KEY = Fixtures.ed25519();
    static final String GOOD = Fixtures.line("host.example,*.wild,!no.wild", KEY);
    static final String HASHED = hashed();

    static String hashed() {
        try {
            return KnownHosts.appendLine("host.example", 2222, KEY, true, CRYPTO);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Valid lines with random edits, and random text from the characters that matter to the format. */
    @Provide
    Arbitrary<String> garbledLine() {
        Arbitrary<String> base = Arbitraries.of(GOOD, HASHED, "@revoked " + GOOD, "@cert-authority " + HASHED,
                "# comment", "");
        Arbitrary<String> mutated = Combinators.combine(base, Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(0, 3), Arbitraries.chars().with(" \t\r|@#!,*?[]:=+/Aa0\u0000\u00e9"))
                .as((s, pos, op, c) -> {
                    int i = s.isEmpty() ? 0 : pos % (s.length() + 1);
                    return switch (op) {
                        case 0 -> s.substring(0, i) + c + s.substring(i);
                        case 1 -> i < s.length() ? s.substring(0, i) + s.substring(i + 1) : s;
                        case 2 -> i < s.length() ? s.substring(0, i) + c + s.substring(i + 1) : s;
                        default -> s.substring(0, i);
                    };
                });
        Arbitrary<String> noise = Arbitraries.strings().withChars(" \t|@#!,*?[]:=+/AaZz09-.\u00e9\u0000")
                .ofMaxLength(120);
        return Arbitraries.oneOf(mutated, noise, Arbitraries.strings().ofMaxLength(80));
    }

    @Property(tries = 1000)
    void parseNeverThrows(@ForAll("garbledLine") String a, @ForAll("garbledLine") String b) throws Exception {
        List<String> lines = new ArrayList<>(List.of(a, b, GOOD));
        KnownHosts kh = KnownHosts.parse(lines, CRYPTO);
        assertTrue(kh.entries().size() + kh.skippedLines().size() <= 3);
        for (int n : kh.skippedLines()) {
            assertTrue(n >= 1 && n <= 2, "skipped line " + n);
        }
        KnownHosts.Match m = kh.check("host.example", 22, KEY);
        assertTrue(m == KnownHosts.Match.KNOWN || m == KnownHosts.Match.REVOKED, m.name());
        kh.check("x.wild", 2222, KEY);
        kh.check("host.example", 2222, Fixtures.ecdsa());
    }

    @Property(tries = 2000)
    void globAgreesWithRegex(@ForAll("pattern") String pattern, @ForAll("subject") String s) {
        String regex = pattern.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
                .reduce("", String::concat);
        assertEquals(s.matches(regex), PreferenceList.matches(pattern, s), pattern + " vs " + s);
    }

    @Provide
    Arbitrary<String> pattern() {
        return Arbitraries.strings().withChars("ab.*?").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> subject() {
        return Arbitraries.strings().withChars("ab.").ofMaxLength(10);
    }

    @Property(tries = 200)
    void appendedLinesAreFound(@ForAll("hostName") String host, @ForAll @IntRange(min = 0, max = 65535) int port,
            @ForAll boolean hashed) throws Exception {
        String line = KnownHosts.appendLine(host, port, KEY, hashed, CRYPTO);
        KnownHosts kh = KnownHosts.parse(List.of(line), CRYPTO);
        assertEquals(List.of(), kh.skippedLines());
        assertEquals(KnownHosts.Match.KNOWN, kh.check(host, port, KEY));
        assertEquals(KnownHosts.Match.CHANGED, kh.check(host, port, Fixtures.ed25519()));
        assertEquals(KnownHosts.Match.UNKNOWN, kh.check(host + "x", port, KEY));
    }

    @Provide
    Arbitrary<String> hostName() {
        return Arbitraries.strings().withChars("abcXYZ019.-:%_").ofMinLength(1).ofMaxLength(30);
    }
}
