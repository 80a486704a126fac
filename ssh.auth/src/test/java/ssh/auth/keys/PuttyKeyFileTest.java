package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.auth.keys.KeyFileFixtures.chain;
import static ssh.auth.keys.KeyFileFixtures.passphrase;
import static ssh.auth.keys.KeyFileFixtures.resource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * PuTTYgen's files (see {@code ppk/README.md}): every key type in versions 2 and 3, plain and
 * encrypted, gives the public key PuTTYgen exported and the private key it exported in OpenSSH's
 * format, and signs; the MAC catches wrong passphrases and edits; Argon2 needs Bouncy Castle.
 */
class PuttyKeyFileTest {
    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource({
        "rsa, v2", "rsa, v3", "rsa, v2-enc", "rsa, v3-enc", "dsa, v2", "dsa, v3", "dsa, v2-enc", "dsa, v3-enc",
        "ecdsa256, v2", "ecdsa256, v3", "ecdsa256, v2-enc", "ecdsa256, v3-enc", "ecdsa384, v2", "ecdsa384, v3-enc",
        "ecdsa384, v2-enc", "ecdsa521, v3", "ecdsa521, v2-enc", "ecdsa521, v3-enc", "ed25519, v2", "ed25519, v3",
        "ed25519, v2-enc", "ed25519, v3-enc", "ed25519, v3-argon2i", "ed25519, v3-argon2d", "ed448, v2", "ed448, v3",
        "ed448, v2-enc", "ed448, v3-enc", "ecdsa256, v3-enc-light"})
    void readsWhatPuttygenWrote(String name, String variant) throws Exception {
        // the default chain, jca then bc: Argon2 comes from bc
        OpenSshKeyFile.KeyFile kf = PrivateKeyFiles.read(resource("ppk/" + name + "-" + variant + ".ppk"),
                passphrase(), chain(null));
        assertEquals("secsh test " + name, kf.comment());
        KeyFileFixtures.signsAndVerifies(kf.keyPair(), KeyFileFixtures.publicKey(resource("ppk/" + name + ".pub")));
        OpenSshKeyFile.KeyFile exported = OpenSshKeyFile.read(resource("ppk/" + name + ".openssh"));
        assertArrayEquals(exported.keyPair().privateFields().bytes(), kf.keyPair().privateFields().bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-v2", "ecdsa256-v2", "ed448-v3", "dsa-v3"})
    void plainFilesReadOnEveryChainWithoutAPassphrase(String name) throws Exception {
        PassphraseSource never = description -> {
            throw new AssertionError("asked for a passphrase for " + description);
        };
        for (String spec : new String[] {"jca", "bc"}) {
            PrivateKeyFiles.read(resource("ppk/" + name + ".ppk"), never, chain(spec)).keyPair().close();
        }
    }

    @Test
    void version2EncryptedNeedsNoArgon2() throws Exception {
        OpenSshKeyFile.KeyFile kf = PrivateKeyFiles.read(resource("ppk/ed25519-v2-enc.ppk"), passphrase(), chain("jca"));
        assertEquals("ssh-ed25519", kf.keyPair().publicKey().type());
    }

    @Test
    void version3EncryptedOnTheJcaOnlyChainSaysArgon2IsMissing() throws Exception {
        CryptoProvider jca = chain("jca");
        assertFalse(jca.supports(Primitive.ARGON2ID));
        PassphraseSource never = description -> {
            throw new AssertionError("asked for a passphrase it cannot use");
        };
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> PrivateKeyFiles.read(resource("ppk/ed25519-v3-enc.ppk"), never, jca));
        assertFalse(e instanceof WrongPassphraseException);
        assertTrue(e.getMessage().contains("ARGON2ID") && e.getMessage().contains("\"jca\""), e.getMessage());
        // and Bouncy Castle alone reads it
        PrivateKeyFiles.read(resource("ppk/ed25519-v3-enc.ppk"), passphrase(), chain("bc")).keyPair().close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-v2-enc", "ed25519-v3-enc", "ecdsa256-v3-enc-light", "dsa-v2-enc"})
    void wrongOrMissingPassphrase(String name) throws Exception {
        String text = resource("ppk/" + name + ".ppk");
        WrongPassphraseException wrong = assertThrows(WrongPassphraseException.class,
                () -> PrivateKeyFiles.read(text, KeyFileFixtures.wrong(), chain(null)));
        assertFalse(wrong.getMessage().contains(KeyFileFixtures.PASSPHRASE));
        assertThrows(WrongPassphraseException.class, () -> PrivateKeyFiles.read(text, PassphraseSource.none(), chain(null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519-v2", "ed25519-v3", "rsa-v3"})
    void anEditedPlainFileIsCorruptNotAWrongPassphrase(String name) throws Exception {
        String text = resource("ppk/" + name + ".ppk").replace("Comment: secsh test", "Comment: secsh tesT");
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> PrivateKeyFiles.read(text, passphrase(), chain(null)));
        assertFalse(e instanceof WrongPassphraseException);
        assertTrue(e.getMessage().contains("MAC"), e.getMessage());
    }

    @Test
    void anEditedEncryptedFileFailsItsMac() throws Exception {
        String text = resource("ppk/ecdsa256-v3-enc-light.ppk").replace("Comment: secsh test", "Comment: secsh tesT");
        assertThrows(WrongPassphraseException.class, () -> PrivateKeyFiles.read(text, passphrase(), chain(null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Argon2-Memory: 64|Argon2-Memory: 1048577|Argon2-Memory",
        "Argon2-Passes: 1|Argon2-Passes: 1001|Argon2-Passes",
        "Argon2-Parallelism: 1|Argon2-Parallelism: 65|Argon2-Parallelism",
        "Argon2-Memory: 64|Argon2-Memory: 7|Argon2 parameters",
        "Argon2-Memory: 64|Argon2-Memory: 99999999999|Argon2-Memory",
        "Key-Derivation: Argon2id|Key-Derivation: scrypt|key derivation",
        "PuTTY-User-Key-File-3|PuTTY-User-Key-File-1|version",
        "Encryption: aes256-cbc|Encryption: aes128-cbc|encryption"})
    void absurdOrUnknownParametersAreRefusedBeforeAnyWork(String from, String to, String mentioned) throws Exception {
        String text = resource("ppk/ecdsa256-v3-enc-light.ppk").replace(from, to);
        PassphraseSource never = description -> {
            throw new AssertionError("asked for a passphrase for a file it must refuse");
        };
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PrivateKeyFiles.read(text, never, chain(null)));
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void readsFromAFileAndKeepsALatin1CommentsBytesForTheMac(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.ppk");
        Files.writeString(file, resource("ppk/ed25519-v2.ppk"), StandardCharsets.UTF_8);
        assertEquals("secsh test ed25519", PrivateKeyFiles.read(file, passphrase()).comment());
        // PuTTYgen wrote this comment's bytes in ISO-8859-1; the MAC is over those bytes
        try (var in = PuttyKeyFileTest.class.getResourceAsStream("/ppk/ed25519-v2-latin1.ppk")) {
            Files.write(file, in.readAllBytes());
        }
        assertEquals("secsh test \u00e9t\u00e9", PrivateKeyFiles.read(file, passphrase()).comment());
        // the same text read as UTF-8 gives other bytes for the comment: the MAC catches it
        String utf8 = Files.readString(file, StandardCharsets.ISO_8859_1);
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> PrivateKeyFiles.read(utf8, passphrase()));
        assertTrue(e.getMessage().contains("MAC"), e.getMessage());
    }
}
