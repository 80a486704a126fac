package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ssh.api.SshAlgorithmException;
import ssh.api.SshException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireFormatException;
import ssh.auth.keys.EncryptedKeyFiles.Parts;

/**
 * Encrypted {@code openssh-key-v1} files without OpenSSH: every cipher round-trips, a wrong
 * passphrase is a WrongPassphraseException naming the key and not the passphrase, the passphrase
 * source is asked only when needed and its answer is wiped, and hostile KDF settings are refused
 * before any work is done. Fixtures use one or two bcrypt rounds, to stay fast.
 */
class EncryptedKeyFileTest {
    static final CryptoProvider CRYPTO = KeyFixtures.crypto();
    static final String PASS = "pässwörd 🔑";
    static final byte[] PASS_UTF8 = PASS.getBytes(StandardCharsets.UTF_8);
    static final byte[] SALT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static SshKeyPair ed25519() throws SshException {
        return SshKeyCodec.keyPair("ssh-ed25519", CRYPTO.generateKeyPair(Primitive.ED25519, 0));
    }

    static String encrypted(SshKeyPair pair, KeyFileCipher cipher, int rounds) throws SshException {
        return EncryptedKeyFiles.armor(OpenSshKeyFile.encode(pair, "a comment", 0x5eed5eed, cipher, PASS_UTF8, SALT,
                rounds, CRYPTO));
    }

    static OpenSshKeyFile.KeyFile read(String text, String passphrase) throws Exception {
        return OpenSshKeyFile.read(text, PassphraseSource.of(passphrase.toCharArray()), CRYPTO);
    }

    @ParameterizedTest
    @EnumSource(KeyFileCipher.class)
    void everyCipherRoundTripsAndKnowsAWrongPassphrase(KeyFileCipher cipher) throws Exception {
        SshKeyPair pair = ed25519();
        String text = encrypted(pair, cipher, 1);
        Parts parts = Parts.of(EncryptedKeyFiles.body(text));
        assertEquals(cipher.sshName(), parts.cipher());
        assertEquals("bcrypt", parts.kdf());
        assertEquals(cipher.tagLength(), parts.tag().length);
        assertEquals(0, parts.section().length % cipher.blockSize());

        OpenSshKeyFile.KeyFile back = read(text, PASS);
        assertEquals("a comment", back.comment());
        assertEquals(pair.publicKey(), back.keyPair().publicKey());
        assertArrayEquals(pair.privateFields().bytes(), back.keyPair().privateFields().bytes());

        WrongPassphraseException e = assertThrows(WrongPassphraseException.class, () -> read(text, "hunter2"));
        assertTrue(e.getMessage().contains("ssh-ed25519 key SHA256:"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains(PASS), e.getMessage());
        // a passphrase differing only in case, or in one character's normalisation, is another passphrase
        assertThrows(WrongPassphraseException.class, () -> read(text, PASS.toUpperCase()));
    }

    @Test
    void aDamagedTagLooksLikeAWrongPassphraseAndCorruptionBehindCheckIntsIsAFormatError() throws Exception {
        SshKeyPair pair = ed25519();
        Parts gcm = Parts.of(EncryptedKeyFiles.body(encrypted(pair, KeyFileCipher.AES256_GCM, 1)));
        gcm.tag()[0] ^= 1;
        assertThrows(WrongPassphraseException.class, () -> read(EncryptedKeyFiles.armor(gcm.toBytes()), PASS));

        Parts ctr = Parts.of(EncryptedKeyFiles.body(encrypted(pair, KeyFileCipher.AES256_CTR, 1)));
        ctr.section()[12] ^= 1; // the key type's first byte: CTR flips the same plaintext bit
        KeyFormatException e = assertThrows(KeyFormatException.class,
                () -> read(EncryptedKeyFiles.armor(ctr.toBytes()), PASS));
        assertFalse(e instanceof WrongPassphraseException, e.toString());
    }

    @Test
    void thePassphraseSourceIsAskedOnlyForEncryptedKeysAndItsAnswerIsWiped() throws Exception {
        SshKeyPair pair = ed25519();
        String plain = OpenSshKeyFile.write(pair, "c", CRYPTO);
        PassphraseSource never = d -> {
            throw new AssertionError("asked for an unencrypted key");
        };
        assertEquals(pair.publicKey(), OpenSshKeyFile.read(plain, never, CRYPTO).keyPair().publicKey());

        String text = encrypted(pair, KeyFileCipher.AES256_CTR, 1);
        List<String> asked = new ArrayList<>();
        char[] answer = PASS.toCharArray();
        OpenSshKeyFile.read(text, d -> {
            asked.add(d);
            return answer;
        }, CRYPTO);
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).startsWith("the ssh-ed25519 key SHA256:"), asked.get(0));
        assertArrayEquals(new char[answer.length], answer, "the answer was not wiped");

        WrongPassphraseException none = assertThrows(WrongPassphraseException.class,
                () -> OpenSshKeyFile.read(text, PassphraseSource.none(), CRYPTO));
        assertTrue(none.getMessage().contains("no passphrase"), none.getMessage());
        WrongPassphraseException empty = assertThrows(WrongPassphraseException.class, () -> read(text, ""));
        assertTrue(empty.getMessage().contains("empty passphrase"), empty.getMessage());
    }

    @Test
    void readersWithoutASourceSayAPassphraseIsNeeded() throws Exception {
        String text = encrypted(ed25519(), KeyFileCipher.AES256_CTR, 1);
        WrongPassphraseException a = assertThrows(WrongPassphraseException.class, () -> OpenSshKeyFile.read(text));
        WrongPassphraseException b = assertThrows(WrongPassphraseException.class,
                () -> OpenSshKeyFile.decode(EncryptedKeyFiles.body(text)));
        for (WrongPassphraseException e : List.of(a, b)) {
            assertTrue(e.getMessage().contains("passphrase is needed") && e.getMessage().contains("aes256-ctr")
                    && e.getMessage().contains("bcrypt") && e.getMessage().contains("ssh-ed25519"), e.getMessage());
        }
    }

    @Test
    void writeEncryptsAsSshKeygenDoesByDefault() throws Exception {
        SshKeyPair pair = ed25519();
        String one = OpenSshKeyFile.write(pair, "c", PASS.toCharArray(), CRYPTO);
        Parts parts = Parts.of(EncryptedKeyFiles.body(one));
        assertEquals("aes256-ctr", parts.cipher());
        assertEquals("bcrypt", parts.kdf());
        assertEquals(16, parts.salt().length);
        assertEquals(16, parts.rounds());
        assertTrue(one.lines().allMatch(l -> l.length() <= 70), one);
        assertEquals(pair.publicKey(), read(one, PASS).keyPair().publicKey());

        String two = OpenSshKeyFile.write(pair, "c", PASS.toCharArray(), "aes256-ctr", 1, CRYPTO);
        assertNotEquals(one, two);
        assertFalse(Arrays.equals(parts.salt(), Parts.of(EncryptedKeyFiles.body(two)).salt()),
                "the salt is random");

        // no passphrase: an unencrypted file, which the plain reader takes
        assertEquals("none", Parts.of(EncryptedKeyFiles.body(OpenSshKeyFile.write(pair, "c", new char[0], CRYPTO)))
                .cipher());
        assertEquals(pair.publicKey(), OpenSshKeyFile.read(OpenSshKeyFile.write(pair, "c", null, CRYPTO))
                .keyPair().publicKey());

        assertThrows(SshAlgorithmException.class,
                () -> OpenSshKeyFile.write(pair, "c", PASS.toCharArray(), "rot13", 1, CRYPTO));
        assertThrows(IllegalArgumentException.class,
                () -> OpenSshKeyFile.write(pair, "c", PASS.toCharArray(), "aes256-ctr", 0, CRYPTO));
        assertThrows(IllegalArgumentException.class, () -> OpenSshKeyFile.write(pair, "c", PASS.toCharArray(),
                "aes256-ctr", OpenSshKeyFile.MAX_KDF_ROUNDS + 1, CRYPTO));
    }

    @Test
    void hostileKdfSettingsAreRefusedBeforeAnyWork() throws Exception {
        Parts good = Parts.of(EncryptedKeyFiles.body(encrypted(ed25519(), KeyFileCipher.AES256_CTR, 1)));
        refused(good.withOptions(EncryptedKeyFiles.bcryptOptions(SALT, 0)), "rounds 0");
        refused(good.withOptions(EncryptedKeyFiles.bcryptOptions(SALT, OpenSshKeyFile.MAX_KDF_ROUNDS + 1L)), "rounds");
        refused(good.withOptions(EncryptedKeyFiles.bcryptOptions(SALT, 0xffffffffL)), "rounds 4294967295");
        refused(good.withOptions(EncryptedKeyFiles.bcryptOptions(new byte[0], 1)), "salt of 0 bytes");
        refused(good.withOptions(EncryptedKeyFiles.bcryptOptions(new byte[1025], 1)), "salt of 1025 bytes");
        refused(good.withOptions(new byte[] {0, 0, 0, 1, 7}), "bcrypt");
        refused(good.withCipher("aes256-ctr", "scrypt"), "unsupported KDF");
        refused(good.withCipher("twofish256-cbc", "bcrypt"), "unsupported cipher");
        refused(good.withCipher("none", "bcrypt"), "unencrypted");
        refused(good.withCipher("aes128-gcm@openssh.com", "bcrypt"), ""); // no room for the tag
        byte[] shortSection = Arrays.copyOf(good.section(), good.section().length - 8);
        refused(new Parts(good.cipher(), good.kdf(), good.options(), good.publicBlob(), shortSection, good.tag()),
                "block size 16");
    }

    private static void refused(Parts parts, String part) {
        PassphraseSource never = d -> {
            throw new AssertionError("asked for a passphrase for a file that should be refused first");
        };
        Exception e = assertThrows(Exception.class,
                () -> OpenSshKeyFile.read(EncryptedKeyFiles.armor(parts.toBytes()), never, CRYPTO));
        assertTrue(e instanceof KeyFormatException || e instanceof WireFormatException, e.toString());
        assertFalse(e instanceof WrongPassphraseException, e.toString());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void generatesEveryKeyTypeTheProviderCan() throws Exception {
        assertEquals(List.of("ssh-ed25519", "ssh-ed448", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"), SshKeyGenerator.keyTypes());
        byte[] data = "signed".getBytes(StandardCharsets.US_ASCII);
        for (String type : SshKeyGenerator.keyTypes()) {
            if (!SshKeyGenerator.canGenerate(type, CRYPTO)) {
                System.err.println("*** provider chain " + CRYPTO.name() + " cannot generate " + type + " ***");
                continue;
            }
            SshKeyPair pair = SshKeyGenerator.generate(type, type.equals("ssh-rsa") ? 1024 : 0, CRYPTO);
            assertEquals(type, pair.publicKey().type());
            SshKeyCodec.privateMaterial(pair); // the private fields match the public key
            String alg = type.equals("ssh-rsa") ? "rsa-sha2-512" : type;
            byte[] sig = KeyFixtures.algorithm(alg).sign(pair, data, CRYPTO);
            assertTrue(KeyFixtures.algorithm(alg).verify(pair.publicKey(), data, sig, CRYPTO), type);
            assertEquals(pair.publicKey(), OpenSshKeyFile.read(OpenSshKeyFile.write(pair, "c", CRYPTO))
                    .keyPair().publicKey());
        }
        assertTrue(SshKeyGenerator.canGenerate("ssh-ed25519", CRYPTO));
        assertFalse(SshKeyGenerator.canGenerate("ssh-foo", CRYPTO));
        assertThrows(SshAlgorithmException.class, () -> SshKeyGenerator.generate("ssh-foo", CRYPTO));
        assertThrows(IllegalArgumentException.class, () -> SshKeyGenerator.generate("ssh-rsa", 512, CRYPTO));
        assertThrows(IllegalArgumentException.class, () -> SshKeyGenerator.generate("ssh-rsa", 16385, CRYPTO));
        assertThrows(IllegalArgumentException.class, () -> SshKeyGenerator.generate("ssh-dss", 2048, CRYPTO));
        assertThrows(IllegalArgumentException.class,
                () -> SshKeyGenerator.generate("ecdsa-sha2-nistp256", 384, CRYPTO));
        assertThrows(IllegalArgumentException.class, () -> SshKeyGenerator.generate("ssh-ed25519", 4096, CRYPTO));
    }
}
