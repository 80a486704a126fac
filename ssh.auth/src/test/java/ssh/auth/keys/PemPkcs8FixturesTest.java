package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.auth.keys.KeyFileFixtures.chain;
import static ssh.auth.keys.KeyFileFixtures.passphrase;
import static ssh.auth.keys.KeyFileFixtures.resource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ssh.api.spi.CryptoProvider;

/**
 * The committed {@code ssh-keygen} and {@code openssl} fixtures (see {@code pem/README.md}) load on
 * each provider chain, give the public key {@code ssh-keygen -y} printed, and sign; encrypted ones
 * refuse a wrong or missing passphrase; unsupported schemes are named.
 */
class PemPkcs8FixturesTest {
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "ec256-pem, jca", "ec256-pem, bc", "rsa1024-pem, jca", "dsa-pem, bc", "ec521-pkcs8, jca", "dsa-pkcs8, jca",
        "ed25519-pkcs8, jca", "ed25519-pkcs8, bc", "ed448-pkcs8, jca", "ed448-pkcs8, bc",
        "ec384-pem-aes128, jca", "ec384-pem-aes128, bc", "ec256-pem-aes256, jca", "rsa1024-pem-des3, bc",
        "rsa1024-pem-des3, jca", "rsa1024-pkcs8-enc, jca", "rsa1024-pkcs8-enc, bc",
        "ed25519-pkcs8-sha1-aes256, jca", "ed25519-pkcs8-sha1-aes256, bc",
        "ec256-pkcs8-sha512-des3, jca", "ec256-pkcs8-sha512-des3, bc"})
    void loads(String name, String provider) throws Exception {
        CryptoProvider crypto = chain(provider);
        OpenSshKeyFile.KeyFile kf = PrivateKeyFiles.read(resource("pem/" + name), passphrase(), crypto);
        assertEquals("", kf.comment());
        KeyFileFixtures.signsAndVerifies(kf.keyPair(), KeyFileFixtures.publicKey(resource("pem/" + name + ".pub")));
    }

    @ParameterizedTest
    @CsvSource({"ec384-pem-aes128", "ec256-pem-aes256", "rsa1024-pem-des3", "rsa1024-pkcs8-enc",
        "ed25519-pkcs8-sha1-aes256", "ec256-pkcs8-sha512-des3"})
    void encryptedFilesRefuseWrongAndMissingPassphrases(String name) throws Exception {
        String text = resource("pem/" + name);
        assertThrows(WrongPassphraseException.class, () -> PrivateKeyFiles.read(text, KeyFileFixtures.wrong(), chain(null)));
        WrongPassphraseException none = assertThrows(WrongPassphraseException.class,
                () -> PrivateKeyFiles.read(text, PassphraseSource.none(), chain(null)));
        assertTrue(none.getMessage().contains("no passphrase"), none.getMessage());
    }

    @Test
    void plainFilesNeverAskForAPassphrase() throws Exception {
        PassphraseSource never = description -> {
            throw new AssertionError("asked for a passphrase for " + description);
        };
        for (String name : new String[] {"ec256-pem", "rsa1024-pem", "dsa-pem", "ec521-pkcs8", "ed25519-pkcs8"}) {
            PrivateKeyFiles.read(resource("pem/" + name), never, chain(null)).keyPair().close();
        }
    }

    @Test
    void unsupportedPkcs8EncryptionIsNamed() throws Exception {
        KeyFormatException pbes1 = assertThrows(KeyFormatException.class,
                () -> PrivateKeyFiles.read(resource("pem/ec256-pkcs8-pbes1"), passphrase(), chain(null)));
        assertTrue(pbes1.getMessage().contains("PKCS#12 PBE (1.2.840.113549.1.12.1.3)"), pbes1.getMessage());
        KeyFormatException scrypt = assertThrows(KeyFormatException.class,
                () -> PrivateKeyFiles.read(resource("pem/ec256-pkcs8-scrypt"), passphrase(), chain(null)));
        assertTrue(scrypt.getMessage().contains("scrypt (1.3.6.1.4.1.11591.4.11)"), scrypt.getMessage());
        assertInstanceOf(KeyFormatException.class, scrypt);
    }

    @Test
    void theSameKeyInEveryFormatIsTheSameKeyPair() throws Exception {
        // ec256-pem, its AES-256 legacy PEM and its PBES2/3DES PKCS#8 copy hold one key
        byte[] a = PrivateKeyFiles.read(resource("pem/ec256-pem"), null, chain(null)).keyPair().privateFields().bytes();
        byte[] b = PrivateKeyFiles.read(resource("pem/ec256-pem-aes256"), passphrase(), chain(null)).keyPair()
                .privateFields().bytes();
        byte[] c = PrivateKeyFiles.read(resource("pem/ec256-pkcs8-sha512-des3"), passphrase(), chain(null)).keyPair()
                .privateFields().bytes();
        assertArrayEquals(a, b);
        assertArrayEquals(a, c);
    }
}
