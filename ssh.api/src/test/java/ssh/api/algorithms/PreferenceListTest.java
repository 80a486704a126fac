package ssh.api.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ssh.api.SshAlgorithmException;

/** The preference syntax as ssh_config(5) documents it for Ciphers, KexAlgorithms and the rest. */
class PreferenceListTest {
    private static final List<String> AVAILABLE = List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes256-cbc", "3des-cbc");
    private static final List<String> DEFAULTS = List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr");

    private static List<String> resolve(String spec) throws SshAlgorithmException {
        return PreferenceList.resolve("cipher", spec, DEFAULTS, AVAILABLE, Map.of("sosemanuk", "it needs X"));
    }

    @Test
    void nothingMeansTheDefaults() throws Exception {
        assertEquals(DEFAULTS, resolve(null));
        assertEquals(DEFAULTS, resolve(""));
    }

    @Test
    void aPlainListReplacesTheDefaults() throws Exception {
        assertEquals(List.of("aes256-ctr", "aes128-cbc"), resolve("aes256-ctr,aes128-cbc"));
    }

    @Test
    void plusAppendsWithoutDuplicates() throws Exception {
        List<String> r = resolve("+aes128-cbc,aes128-ctr");
        assertEquals(DEFAULTS.size() + 1, r.size());
        assertEquals(DEFAULTS, r.subList(0, DEFAULTS.size()));
        assertEquals("aes128-cbc", r.get(r.size() - 1));
    }

    @Test
    void minusRemovesWithWildcards() throws Exception {
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr"),
                resolve("-*-gcm@openssh.com"));
        assertEquals(List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com",
                "aes192-ctr"), resolve("-aes1?8-ctr,aes256-ctr"));
    }

    @Test
    void minusOfSomethingNotInTheDefaultsIsHarmless() throws Exception {
        assertEquals(DEFAULTS, resolve("-3des-cbc,nonexistent-*"));
    }

    @Test
    void caretPrependsAndMovesToTheFront() throws Exception {
        List<String> r = resolve("^aes256-ctr,aes128-cbc");
        assertEquals(List.of("aes256-ctr", "aes128-cbc", "chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com",
                "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr"), r);
    }

    @Test
    void wildcardsExpandInTheAvailableOrder() throws Exception {
        assertEquals(List.of("aes128-cbc", "aes256-cbc", "3des-cbc"), resolve("*-cbc"));
        assertEquals(List.of("aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes256-cbc"),
                resolve("aes???-c*"));
        assertEquals(List.of(DEFAULTS.get(0)), resolve("chacha20-poly1305@openssh.com,chacha*"));
    }

    @Test
    void legacyAlgorithmsStayOffUntilNamed() throws Exception {
        assertFalse(resolve(null).contains("3des-cbc"));
        assertTrue(resolve("+3des-cbc").contains("3des-cbc"));
    }

    @Test
    void unknownNameListsTheKnownNames() {
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class, () -> resolve("+aes128-ctx"));
        assertEquals("unknown cipher \"aes128-ctx\"; known cipher names: " + String.join(",", AVAILABLE)
                + " (not available here: sosemanuk)", e.getMessage());
    }

    @Test
    void knownButUnavailableNameSaysWhy() {
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class, () -> resolve("sosemanuk"));
        assertEquals("cipher \"sosemanuk\" is not available: it needs X", e.getMessage());
    }

    @Test
    void emptyResultsAndEmptyNamesAreErrors() {
        SshAlgorithmException e = assertThrows(SshAlgorithmException.class, () -> resolve("-*"));
        assertTrue(e.getMessage().startsWith("no cipher algorithm left after applying \"-*\""), e.getMessage());
        assertThrows(SshAlgorithmException.class, () -> resolve("zz*"));
        e = assertThrows(SshAlgorithmException.class, () -> resolve("aes128-ctr,,aes256-ctr"));
        assertEquals("empty cipher name in \"aes128-ctr,,aes256-ctr\"", e.getMessage());
        assertThrows(SshAlgorithmException.class, () -> resolve("+"));
    }

    @Test
    void defaultsThatAreNotAvailableAreSkipped() throws Exception {
        List<String> r = PreferenceList.resolve("kex", null, List.of("mlkem768x25519-sha256", "curve25519-sha256"),
                List.of("curve25519-sha256"), Map.of());
        assertEquals(List.of("curve25519-sha256"), r);
    }

    @Test
    void patternMatching() {
        assertTrue(PreferenceList.matches("*", ""));
        assertTrue(PreferenceList.matches("a*b*c", "aXXbYYc"));
        assertFalse(PreferenceList.matches("a*b*c", "aXXbYY"));
        assertTrue(PreferenceList.matches("?es*", "aes128-ctr"));
        assertFalse(PreferenceList.matches("aes", "aes128"));
    }

    @Test
    void defaultListsAreSecureForTheServerAndUseOnlyKnownNames() {
        for (AlgorithmFamily<?> f : AlgorithmFamily.values()) {
            for (ssh.api.Role role : ssh.api.Role.values()) {
                assertTrue(f.supported().containsAll(f.defaults(role)), f + " " + role);
                for (String insecure : f.insecure()) {
                    assertFalse(f.defaults(role).contains(insecure), f + " default " + role + " has " + insecure);
                }
            }
            assertTrue(f.supported().containsAll(f.insecure()), f.toString());
        }
        for (String kex : KexNames.SERVER_DEFAULTS) {
            assertFalse(kex.contains("nistp") || kex.endsWith("sha1") || kex.contains("group14"), kex);
        }
        for (String mac : MacNames.SERVER_DEFAULTS) {
            assertTrue(mac.endsWith("-etm@openssh.com") && !mac.contains("sha1"), mac);
        }
        for (String hk : PublicKeyNames.SERVER_DEFAULTS) {
            assertFalse(hk.contains("nistp") || hk.equals("ssh-rsa"), hk);
        }
    }
}
