package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;

/** AuthorizedKeys: every option kind of sshd(8)'s AUTHORIZED_KEYS FILE FORMAT, comments, bad lines. */
class AuthorizedKeysTest {
    static SshPublicKey ed25519() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return SshKeyCodec.encodePublic("ssh-ed25519", new PublicKeyMaterial.Edwards(b));
    }

    @Test
    void parsesEveryOptionKind() {
        SshPublicKey k1 = ed25519();
        SshPublicKey k2 = ed25519();
        SshPublicKey k3 = ed25519();
        SshPublicKey k4 = ed25519();
        SshPublicKey ca = ed25519();
        SshPublicKey unknown = ed25519();
        List<String> lines = List.of(
                "# my keys",
                "",
                "   ",
                PublicKeyFile.line(k1, "plain key"),
                "command=\"echo \\\"hi, there\\\"; ls\",from=\"*.example.com,!bad.example.com,10.0.0.0/8\","
                        + "environment=\"A=1\",environment=\"B=x,y\",no-pty,no-port-forwarding,no-agent-forwarding,"
                        + "no-X11-forwarding,no-user-rc " + PublicKeyFile.line(k2, "restricted one"),
                "restrict,pty,port-forwarding,permitopen=\"localhost:8080\",permitopen=\"[::1]:*\","
                        + "permitlisten=\"2222\",permitlisten=\"localhost:3333\",expiry-time=\"20301231\","
                        + "expiry-time=\"202001021530Z\",tunnel=\"3\"\t" + PublicKeyFile.line(k3, ""),
                "RESTRICT,Agent-Forwarding,x11-forwarding,user-rc,expiry-time=\"20991231235959Z\" "
                        + PublicKeyFile.line(k4, "mixed case"),
                "cert-authority,principals=\"alice,bob\" " + PublicKeyFile.line(ca, "my CA"),
                "this is garbage",
                "no-pty,bogus-option " + PublicKeyFile.line(unknown, "unknown option"),
                "command=\"unterminated " + PublicKeyFile.line(unknown, "open quote"),
                "ssh-ed25519 AAAA!!notbase64",
                "no-pty");
        AuthorizedKeys ak = AuthorizedKeys.parse(lines, ZoneOffset.UTC);
        assertEquals(List.of(9, 10, 11, 12, 13), ak.skippedLines());
        assertEquals(5, ak.skipped());
        assertEquals(5, ak.entries().size());

        AuthorizedKeys.AuthorizedKey e1 = ak.find(k1).orElseThrow();
        assertEquals(4, e1.line());
        assertEquals("plain key", e1.comment());
        assertEquals(KeyOptions.NONE, e1.options());

        KeyOptions o2 = ak.find(k2).orElseThrow().options();
        assertEquals("echo \"hi, there\"; ls", o2.forcedCommand());
        assertEquals(List.of("*.example.com", "!bad.example.com", "10.0.0.0/8"), o2.from());
        assertEquals(List.of("A=1", "B=x,y"), o2.environment());
        assertFalse(o2.pty() || o2.portForwarding() || o2.agentForwarding() || o2.x11Forwarding() || o2.userRc());
        assertEquals("restricted one", ak.find(k2).orElseThrow().comment());

        KeyOptions o3 = ak.find(k3).orElseThrow().options();
        assertTrue(o3.pty() && o3.portForwarding());
        assertFalse(o3.agentForwarding() || o3.x11Forwarding() || o3.userRc());
        assertEquals(List.of("localhost:8080", "[::1]:*"), o3.permitOpen());
        assertEquals(List.of("2222", "localhost:3333"), o3.permitListen());
        assertEquals(Instant.parse("2020-01-02T15:30:00Z"), o3.expiryTime()); // the earliest wins
        assertTrue(o3.expiredAt(Instant.parse("2024-01-01T00:00:00Z")));
        assertEquals(3, o3.tunnel());
        assertNull(o3.forcedCommand());
        assertEquals("", ak.find(k3).orElseThrow().comment());

        KeyOptions o4 = ak.find(k4).orElseThrow().options();
        assertFalse(o4.pty() || o4.portForwarding());
        assertTrue(o4.agentForwarding() && o4.x11Forwarding() && o4.userRc());
        assertEquals(Instant.parse("2099-12-31T23:59:59Z"), o4.expiryTime());
        assertFalse(o4.expiredAt(Instant.parse("2030-01-01T00:00:00Z")));

        assertTrue(ak.find(ca).isEmpty(), "a cert-authority line does not authorize the CA key itself");
        AuthorizedKeys.AuthorizedKey caLine = ak.entries().get(4);
        assertTrue(caLine.options().certAuthority());
        assertEquals(List.of("alice", "bob"), caLine.options().principals());
        assertTrue(ak.find(unknown).isEmpty());
        assertTrue(ak.find(ed25519()).isEmpty());
    }

    @Test
    void expiryTimeWithoutZoneUsesTheGivenZone() throws Exception {
        SshPublicKey k = ed25519();
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        AuthorizedKeys.AuthorizedKey e = AuthorizedKeys.parseLine("expiry-time=\"202406011200\" "
                + PublicKeyFile.line(k, "x"), 1, berlin);
        assertEquals(Instant.parse("2024-06-01T10:00:00Z"), e.options().expiryTime());
        assertThrows(KeyFormatException.class, () -> AuthorizedKeys.parseLine("expiry-time=\"20241341\" "
                + PublicKeyFile.line(k, "x"), 1, berlin));
        assertThrows(KeyFormatException.class, () -> AuthorizedKeys.parseLine("expiry-time=\"2024\" "
                + PublicKeyFile.line(k, "x"), 1, berlin));
        assertThrows(KeyFormatException.class, () -> AuthorizedKeys.parseLine("command=\"a\",command=\"b\" "
                + PublicKeyFile.line(k, "x"), 1, berlin));
        assertThrows(KeyFormatException.class, () -> AuthorizedKeys.parseLine("permitopen=\"nohost\" "
                + PublicKeyFile.line(k, "x"), 1, berlin));
        assertThrows(KeyFormatException.class, () -> AuthorizedKeys.parseLine("environment=\"=x\" "
                + PublicKeyFile.line(k, "x"), 1, berlin));
    }

    @Test
    void publicKeyLinesRoundTripAndCheckTheirType() throws Exception {
        SshPublicKey k = ed25519();
        PublicKeyFile p = PublicKeyFile.parse("  " + PublicKeyFile.line(k, "a  comment with  spaces") + "\n");
        assertEquals(k, p.key());
        assertEquals("a  comment with  spaces", p.comment());
        String b64 = PublicKeyFile.line(k, null).split(" ")[1];
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PublicKeyFile.parse("ssh-rsa " + b64));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertThrows(KeyFormatException.class, () -> PublicKeyFile.parse("ssh-ed25519"));
    }
}
