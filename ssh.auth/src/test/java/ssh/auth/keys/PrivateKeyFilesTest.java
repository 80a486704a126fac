package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.auth.keys.KeyFileFixtures.chain;
import static ssh.auth.keys.KeyFileFixtures.passphrase;
import static ssh.auth.keys.KeyFileFixtures.resource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The facade's format detection and its messages, and the DER reader's limits. */
class PrivateKeyFilesTest {
    @Test
    void anOpenSshKeyGoesToOpenSshKeyFile() throws Exception {
        String text = resource("ppk/ed25519.openssh");
        OpenSshKeyFile.KeyFile kf = PrivateKeyFiles.read(text, PassphraseSource.none(), chain(null));
        assertEquals(OpenSshKeyFile.read(text).keyPair().publicKey(), kf.keyPair().publicKey());
        assertEquals("secsh test ed25519", kf.comment());
    }

    @Test
    void leadingTextAndEcParametersAreSkipped() throws Exception {
        String text = "Bag Attributes\n    friendlyName: x\n-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
                + "-----END EC PARAMETERS-----\n" + resource("pem/ec256-pem").replace("\n", "\r\n");
        PrivateKeyFiles.read(text, null, chain(null)).keyPair().close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "hello|is not a private key file",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBedylQYT8RSeryurR5c8DLiAFg6F70+v18mDJhgucul x|is not a private key file",
        "-----BEGIN PGP PRIVATE KEY BLOCK-----|unsupported key file format \"-----BEGIN PGP PRIVATE KEY BLOCK-----\"",
        "-----BEGIN SSH2 ENCRYPTED PRIVATE KEY-----|ssh.com",
        "-----BEGIN PUBLIC KEY-----|is not a private key",
        "-----BEGIN RSA PRIVATE KEY-----|END RSA PRIVATE KEY",
        "PuTTY-User-Key-File-3: ssh-ed25519|Encryption"})
    void unknownOrBrokenFilesAreNamedNotQuoted(String text, String message) {
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> PrivateKeyFiles.read(text + "\nc2VjcmV0IGNvbnRlbnQ=\n", passphrase(), chain(null)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0"), "the content is not quoted: " + e.getMessage());
    }

    @Test
    void aHugeFileIsRefusedUnread(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big");
        Files.write(big, new byte[PrivateKeyFiles.MAX_FILE_BYTES + 1]);
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PrivateKeyFiles.read(big, passphrase()));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "3080020100, indefinite length",
        "300a020100, a length past the end",
        "308103020100, a long-form length that fits the short form",
        "3003020100ff, a byte after the key",
        "30023000, a SEQUENCE where the version must be",
        "3003020101, RSA version 1 (multi-prime)",
        "30030201ff, a negative INTEGER",
        "300402020001, an INTEGER with a needless leading zero",
        "3000, an empty SEQUENCE",
        "1f00, a high tag number"})
    void malformedDerIsAKeyFormatException(String hex, String what) {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex))
                + "\n-----END RSA PRIVATE KEY-----\n";
        assertThrows(KeyFormatException.class, () -> PrivateKeyFiles.read(pem, null, chain(null)), what);
    }

    @Test
    void deepNestingIsBounded() {
        byte[] der = new byte[2 * 40];
        for (int i = 0; i < 40; i++) {
            der[2 * i] = 0x30;
            der[2 * i + 1] = (byte) (der.length - 2 * i - 2);
        }
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der)
                + "\n-----END PRIVATE KEY-----\n";
        assertThrows(KeyFormatException.class, () -> PrivateKeyFiles.read(pem, null, chain(null)));
    }

    @Test
    void legacyPemNamesAnUnsupportedCipher() throws Exception {
        String text = resource("pem/ec384-pem-aes128").replace("AES-128-CBC", "DES-CBC");
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PrivateKeyFiles.read(text, passphrase(), chain(null)));
        assertTrue(e.getMessage().contains("\"DES-CBC\""), e.getMessage());
    }
}
