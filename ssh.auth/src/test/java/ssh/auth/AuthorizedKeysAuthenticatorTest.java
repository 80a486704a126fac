package ssh.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.auth.keys.KeyOptions;
import ssh.auth.keys.PublicKeyFile;

/** authorized_keys enforcement: from= patterns (wildcards, CIDR, negation) and expiry-time. */
class AuthorizedKeysAuthenticatorTest {
    @TempDir
    Path dir;

    private static SshPublicKey key(int n) {
        byte[] raw = new byte[32];
        raw[0] = (byte) n;
        return SshKeyCodec.encodePublic("ssh-ed25519", new PublicKeyMaterial.Edwards(raw));
    }

    private Optional<KeyOptions> authorize(String options, String from) throws Exception {
        Path file = Files.writeString(dir.resolve("authorized_keys"),
                options + " " + PublicKeyFile.line(key(1), "k") + "\n");
        return PublicKeyAuthenticator.authorizedKeys(u -> u.equals("robey") ? file : dir.resolve("none"))
                .authorize("robey", key(1), from);
    }

    @Test
    void fromPatterns() throws Exception {
        assertTrue(authorize("from=\"127.0.0.1\"", "127.0.0.1").isPresent());
        assertFalse(authorize("from=\"127.0.0.1\"", "127.0.0.2").isPresent());
        assertTrue(authorize("from=\"10.*,192.168.1.?\"", "192.168.1.7").isPresent());
        assertTrue(authorize("from=\"10.0.0.0/8\"", "10.200.3.4").isPresent());
        assertFalse(authorize("from=\"10.0.0.0/8\"", "11.0.0.1").isPresent());
        assertFalse(authorize("from=\"10.0.0.0/8,!10.1.*\"", "10.1.2.3").isPresent());
        assertTrue(authorize("from=\"2001:db8::/32\"", "2001:db8:0:0:0:0:0:1").isPresent());
        assertFalse(authorize("from=\"!127.0.0.1\"", "127.0.0.1").isPresent(), "only a negation allows nobody");
    }

    @Test
    void expiryTime() throws Exception {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
        assertFalse(authorize("expiry-time=\"" + f.format(LocalDateTime.now().minusDays(1)) + "\"", "127.0.0.1")
                .isPresent());
        assertTrue(authorize("expiry-time=\"" + f.format(LocalDateTime.now().plusDays(1)) + "\",no-pty", "127.0.0.1")
                .isPresent());
    }

    @Test
    void otherUsersAndOtherKeysGetNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("authorized_keys"), PublicKeyFile.line(key(1), "k") + "\n");
        PublicKeyAuthenticator a = PublicKeyAuthenticator.authorizedKeys(u -> u.equals("robey") ? file : null);
        assertEquals(Optional.of(KeyOptions.NONE), a.authorize("robey", key(1), "::1"));
        assertEquals(Optional.empty(), a.authorize("robey", key(2), "::1"));
        assertEquals(Optional.empty(), a.authorize("root", key(1), "::1"));
    }
}
