package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.auth.testing.OpenSshTools.Result;

/**
 * Encrypted private keys against the real ssh-keygen: keys it encrypts (with its defaults and with
 * every {@code -Z} cipher) are read with the right passphrase and refused with a wrong one, and
 * ssh-keygen reads the keys secsh generates and encrypts. The passphrase is non-ASCII, so both
 * sides must agree that it is UTF-8. Skipped loudly without ssh-keygen, failed when
 * {@code SECSH_INTEROP=require}.
 */
class EncryptedKeyFileInteropTest {
    static final CryptoProvider CRYPTO = KeyFixtures.crypto();
    static final String PASS = "corrëct hörse, battery staple";
    static final String WRONG = "Tr0ub4dor&3";
    static final byte[] DATA = "data to sign".getBytes(StandardCharsets.UTF_8);

    static PassphraseSource source(String passphrase, List<String> asked) {
        return description -> {
            asked.add(description);
            return passphrase.toCharArray();
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ed25519, 0, ssh-ed25519", "ecdsa, 256, ecdsa-sha2-nistp256", "ecdsa, 384, ecdsa-sha2-nistp384",
            "ecdsa, 521, ecdsa-sha2-nistp521", "rsa, 2048, rsa-sha2-512", "dsa, 1024, ssh-dss"})
    void readsKeysSshKeygenEncryptsByDefault(String type, int bits, String algorithm, @TempDir Path dir)
            throws Exception {
        EncryptedKeyFiles.assumeSshKeygen();
        Path file = dir.resolve("id_" + type);
        List<String> args = new ArrayList<>(List.of("-q", "-t", type));
        if (bits > 0) {
            args.addAll(List.of("-b", Integer.toString(bits)));
        }
        args.addAll(List.of("-C", "enc " + type, "-f", file.toString()));
        Result r = EncryptedKeyFiles.keygen(args, "-N", PASS);
        if (type.equals("dsa") && r.exit() != 0) {
            System.err.println("*** SKIPPED: this ssh-keygen no longer makes DSA keys: " + r.output() + " ***");
            Assumptions.abort("ssh-keygen cannot make DSA keys");
        }
        assertEquals(0, r.exit(), r.output());
        EncryptedKeyFiles.Parts parts = EncryptedKeyFiles.Parts.of(EncryptedKeyFiles.body(Files.readString(file)));
        assertEquals("aes256-ctr", parts.cipher());
        assertEquals(16, parts.rounds());

        List<String> asked = new ArrayList<>();
        OpenSshKeyFile.KeyFile kf = OpenSshKeyFile.read(file, source(PASS, asked));
        assertEquals(List.of(file.toString()), asked);
        assertEquals("enc " + type, kf.comment());
        // the .pub file ssh-keygen wrote is what ssh-keygen -y prints for the private key
        PublicKeyFile pub = PublicKeyFile.read(Path.of(file + ".pub"));
        assertEquals(pub.key(), kf.keyPair().publicKey());

        PublicKeyAlgorithmFactory alg = KeyFixtures.algorithm(algorithm);
        byte[] sig = alg.sign(kf.keyPair(), DATA, CRYPTO);
        assertTrue(alg.verify(pub.key(), DATA, sig, CRYPTO));
        byte[] other = DATA.clone();
        other[0] ^= 1;
        assertFalse(alg.verify(pub.key(), other, sig, CRYPTO));

        if (type.equals("ed25519")) {
            WrongPassphraseException e = assertThrows(WrongPassphraseException.class,
                    () -> OpenSshKeyFile.read(file, PassphraseSource.of(WRONG.toCharArray())));
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertFalse(e.getMessage().contains(WRONG) || e.getMessage().contains(PASS), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes192-cbc", "aes256-cbc",
            "3des-cbc", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com"})
    void everyCipherBothWays(String cipher, @TempDir Path dir) throws Exception {
        EncryptedKeyFiles.assumeSshKeygen();
        // ssh-keygen encrypts, we decrypt
        Path theirs = dir.resolve("theirs");
        Result r = EncryptedKeyFiles.keygen(List.of("-q", "-t", "ed25519", "-a", "2", "-Z", cipher, "-C", cipher,
                "-f", theirs.toString()), "-N", PASS);
        assertEquals(0, r.exit(), r.output());
        assertEquals(cipher, EncryptedKeyFiles.Parts.of(EncryptedKeyFiles.body(Files.readString(theirs))).cipher());
        OpenSshKeyFile.KeyFile kf = OpenSshKeyFile.read(theirs, PassphraseSource.of(PASS.toCharArray()));
        assertEquals(PublicKeyFile.read(Path.of(theirs + ".pub")).key(), kf.keyPair().publicKey());
        assertEquals(cipher, kf.comment());
        assertThrows(WrongPassphraseException.class,
                () -> OpenSshKeyFile.read(theirs, PassphraseSource.of(WRONG.toCharArray())));

        // we encrypt, ssh-keygen decrypts
        SshKeyPair pair = SshKeyGenerator.generate("ecdsa-sha2-nistp256", CRYPTO);
        Path ours = EncryptedKeyFiles.writePrivate(dir.resolve("ours"),
                OpenSshKeyFile.write(pair, "ours", PASS.toCharArray(), cipher, 2, CRYPTO));
        assertEquals(PublicKeyFile.line(pair.publicKey(), null), EncryptedKeyFiles.sshKeygenPublicKey(ours, PASS));
        Result wrong = EncryptedKeyFiles.keygen(List.of("-y", "-f", ours.toString()), "-P", WRONG);
        assertTrue(wrong.exit() != 0, wrong.output());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
            "ssh-rsa", "ssh-dss"})
    void sshKeygenReadsTheKeysWeGenerate(String type, @TempDir Path dir) throws Exception {
        EncryptedKeyFiles.assumeSshKeygen();
        SshKeyPair pair = SshKeyGenerator.generate(type, CRYPTO);
        if (type.equals("ssh-rsa")) {
            PublicKeyMaterial.Rsa rsa = (PublicKeyMaterial.Rsa) SshKeyCodec.publicMaterial(pair.publicKey());
            assertEquals(SshKeyGenerator.DEFAULT_RSA_BITS, rsa.modulus().bitLength());
            assertEquals(BigInteger.valueOf(65537), rsa.publicExponent());
        }
        String want = PublicKeyFile.line(pair.publicKey(), null);
        Path plain = EncryptedKeyFiles.writePrivate(dir.resolve("plain"), OpenSshKeyFile.write(pair, "p", CRYPTO));
        assertEquals(want, EncryptedKeyFiles.sshKeygenPublicKey(plain, ""));
        // two rounds keep this quick; the default sixteen are checked with ssh-keygen in saveWrites...
        Path enc = EncryptedKeyFiles.writePrivate(dir.resolve("enc"),
                OpenSshKeyFile.write(pair, "e", PASS.toCharArray(), OpenSshKeyFile.DEFAULT_CIPHER, 2, CRYPTO));
        assertEquals(want, EncryptedKeyFiles.sshKeygenPublicKey(enc, PASS));
    }

    @Test
    void saveWritesTheFilesSshKeygenWould(@TempDir Path dir) throws Exception {
        EncryptedKeyFiles.assumeSshKeygen();
        Path file = dir.resolve("id_ed25519");
        SshKeyPair pair = SshKeyGenerator.generate("ssh-ed25519", CRYPTO);
        char[] pass = PASS.toCharArray();
        SshKeyGenerator.save(file, pair, "me@example.org", pass, CRYPTO);
        EncryptedKeyFiles.Parts parts = EncryptedKeyFiles.Parts.of(EncryptedKeyFiles.body(Files.readString(file)));
        assertEquals("aes256-ctr", parts.cipher());
        assertEquals(16, parts.rounds());
        assertEquals(PASS, new String(pass), "save leaves the caller's passphrase alone");
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        String pubLine = Files.readString(Path.of(file + ".pub"));
        assertEquals(PublicKeyFile.line(pair.publicKey(), "me@example.org") + "\n", pubLine);
        assertEquals(EncryptedKeyFiles.typeAndKey(pubLine), EncryptedKeyFiles.sshKeygenPublicKey(file, PASS));
        OpenSshKeyFile.KeyFile back = OpenSshKeyFile.read(file, PassphraseSource.of(pass));
        assertEquals(pair.publicKey(), back.keyPair().publicKey());
        assertEquals("me@example.org", back.comment());

        assertThrows(FileAlreadyExistsException.class, () -> SshKeyGenerator.save(file, pair, "x", null, CRYPTO));
        Files.delete(file);
        assertThrows(FileAlreadyExistsException.class, () -> SshKeyGenerator.save(file, pair, "x", null, CRYPTO));
        assertFalse(Files.exists(file), "nothing is written when the .pub file exists");
    }

    @Test
    void readersWithoutAPassphraseNameTheEncryptedFile(@TempDir Path dir) throws Exception {
        EncryptedKeyFiles.assumeSshKeygen();
        Path file = dir.resolve("enc");
        Result r = EncryptedKeyFiles.keygen(List.of("-q", "-t", "ed25519", "-a", "2", "-f", file.toString()), "-N",
                "secret");
        assertEquals(0, r.exit(), r.output());
        WrongPassphraseException e = assertThrows(WrongPassphraseException.class, () -> OpenSshKeyFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("aes256-ctr")
                && e.getMessage().contains("bcrypt") && e.getMessage().contains("passphrase is needed"),
                e.getMessage());
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }
}
