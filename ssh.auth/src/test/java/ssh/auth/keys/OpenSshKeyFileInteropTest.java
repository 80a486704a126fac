package ssh.auth.keys;

import ssh.auth.testing.OpenSshTools.Result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;

/**
 * OpenSshKeyFile and PublicKeyFile against the real OpenSSH: keys ssh-keygen makes are read and
 * sign verifiably, and ssh-keygen reads the keys secsh writes. Skipped loudly without ssh-keygen,
 * failed when {@code SECSH_INTEROP=require}.
 */
class OpenSshKeyFileInteropTest {
    static final CryptoProvider CRYPTO = KeyFixtures.crypto();
    static final byte[] DATA = "data to sign, with a NUL \0 and more".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"ed25519, 0, ssh-ed25519", "ecdsa, 256, ecdsa-sha2-nistp256", "ecdsa, 384, ecdsa-sha2-nistp384",
            "ecdsa, 521, ecdsa-sha2-nistp521", "rsa, 2048, rsa-sha2-256", "dsa, 1024, ssh-dss"})
    void readsWhatSshKeygenWrites(String type, int bits, String algorithm, @TempDir Path dir) throws Exception {
        KeyFixtures.assumeSshKeygen();
        Path file = dir.resolve("id_" + type);
        List<String> cmd = new ArrayList<>(List.of(KeyFixtures.SSH_KEYGEN.toString(), "-q", "-t", type));
        if (bits > 0) {
            cmd.addAll(List.of("-b", Integer.toString(bits)));
        }
        cmd.addAll(List.of("-N", "", "-C", "me@example " + type, "-f", file.toString()));
        Result r = KeyFixtures.run(cmd);
        if (type.equals("dsa") && r.exit() != 0) {
            System.err.println("*** SKIPPED: this ssh-keygen no longer makes DSA keys: " + r.output() + " ***");
            Assumptions.abort("ssh-keygen cannot make DSA keys");
        }
        assertEquals(0, r.exit(), r.output());

        String text = Files.readString(file, StandardCharsets.US_ASCII);
        OpenSshKeyFile.KeyFile kf = OpenSshKeyFile.read(file);
        PublicKeyFile pub = PublicKeyFile.read(Path.of(file + ".pub"));
        assertEquals("me@example " + type, kf.comment());
        assertEquals("me@example " + type, pub.comment());
        assertEquals(pub.key(), kf.keyPair().publicKey());

        PublicKeyAlgorithmFactory alg = KeyFixtures.algorithm(algorithm);
        byte[] sig = alg.sign(kf.keyPair(), DATA, CRYPTO);
        assertTrue(alg.verify(pub.key(), DATA, sig, CRYPTO));
        byte[] other = DATA.clone();
        other[0] ^= 1;
        assertFalse(alg.verify(pub.key(), other, sig, CRYPTO));

        // writing it back gives ssh-keygen's file except for the random check integers
        String ours = OpenSshKeyFile.write(kf.keyPair(), kf.comment(), CRYPTO);
        assertEquals(text.lines().map(String::length).toList(), ours.lines().map(String::length).toList());
        byte[] a = body(text);
        byte[] b = body(ours);
        assertEquals(a.length, b.length);
        int first = -1;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                first = first < 0 ? i : first;
                assertTrue(i - first < 8, "differs outside the check integers at " + i);
            }
        }
        byte[] fixed = OpenSshKeyFile.encode(kf.keyPair(), kf.comment(), readInt(a, checkOffset(a)));
        assertArrayEquals(a, fixed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ssh-ed25519, ED25519, 0", "ecdsa-sha2-nistp256, ECDSA_P256, 0", "ecdsa-sha2-nistp384, ECDSA_P384, 0",
            "ecdsa-sha2-nistp521, ECDSA_P521, 0", "ssh-rsa, RSA_SHA256, 2048"})
    void sshKeygenReadsWhatWeWrite(String keyType, Primitive primitive, int bits, @TempDir Path dir) throws Exception {
        KeyFixtures.assumeSshKeygen();
        SshKeyPair pair = SshKeyCodec.keyPair(keyType, CRYPTO.generateKeyPair(primitive, bits));
        Path file = dir.resolve("ours");
        Files.writeString(file, OpenSshKeyFile.write(pair, "secsh test key", CRYPTO), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Result r = KeyFixtures.run(List.of(KeyFixtures.SSH_KEYGEN.toString(), "-y", "-f", file.toString()));
        assertEquals(0, r.exit(), r.output());
        String[] got = r.output().strip().split(" ");
        String[] want = PublicKeyFile.line(pair.publicKey(), null).split(" ");
        assertEquals(want[0], got[0]);
        assertEquals(want[1], got[1]);

        OpenSshKeyFile.KeyFile back = OpenSshKeyFile.read(file);
        assertEquals("secsh test key", back.comment());
        assertEquals(pair.publicKey(), back.keyPair().publicKey());
        assertArrayEquals(pair.privateFields().bytes(), back.keyPair().privateFields().bytes());
        assertEquals(PublicKeyFile.line(pair.publicKey(), "c"), PublicKeyFile.parse(PublicKeyFile.line(pair.publicKey(),
                "c")).line());
    }

    @Test
    void encryptedKeysAreRefusedByName(@TempDir Path dir) throws Exception {
        KeyFixtures.assumeSshKeygen();
        Path file = dir.resolve("enc");
        Result r = KeyFixtures.run(List.of(KeyFixtures.SSH_KEYGEN.toString(), "-q", "-t", "ed25519",
                "-N", "secret", "-f", file.toString()));
        assertEquals(0, r.exit(), r.output());
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> OpenSshKeyFile.read(file));
        assertTrue(e.getMessage().contains("passphrase is needed"), e.getMessage());
        assertTrue(e.getMessage().contains("aes256-ctr") && e.getMessage().contains("bcrypt"), e.getMessage());
    }

    private static byte[] body(String text) {
        StringBuilder sb = new StringBuilder();
        text.lines().filter(l -> !l.startsWith("-----")).forEach(sb::append);
        return Base64.getDecoder().decode(sb.toString());
    }

    /** Offset of the first check integer: after magic, "none", "none", "", count, the public blob, the length. */
    private static int checkOffset(byte[] a) {
        int p = 15 + 8 + 8 + 4 + 4;
        p += 4 + readInt(a, p);
        return p + 4;
    }

    private static int readInt(byte[] a, int p) {
        return (a[p] & 0xff) << 24 | (a[p + 1] & 0xff) << 16 | (a[p + 2] & 0xff) << 8 | (a[p + 3] & 0xff);
    }
}
