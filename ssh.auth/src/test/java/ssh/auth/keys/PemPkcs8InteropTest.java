package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.auth.keys.KeyFileFixtures.OPENSSL;
import static ssh.auth.keys.KeyFileFixtures.PASSPHRASE;
import static ssh.auth.keys.KeyFileFixtures.chain;
import static ssh.auth.keys.KeyFileFixtures.passphrase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SshKeyCodec;
import ssh.auth.testing.OpenSshTools.Result;

/**
 * PEM and PKCS#8 files made now by the real {@code ssh-keygen} ({@code -m PEM}, {@code -m PKCS8},
 * plain and with {@code -N}) and {@code openssl} (EdDSA PKCS#8, legacy {@code -aes128}/{@code -des3}
 * PEM, PBES2 with SHA-1/SHA-256 PRFs) load, give the public key the tool prints, and sign. Skipped
 * loudly without the tools, failed when {@code SECSH_INTEROP=require}.
 */
class PemPkcs8InteropTest {
    static Stream<Arguments> sshKeygenCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String key : List.of("rsa 1024", "ecdsa 256", "ecdsa 384", "ecdsa 521", "dsa 1024")) {
            for (String format : List.of("PEM", "PKCS8")) {
                for (boolean encrypted : new boolean[] {false, true}) {
                    String[] k = key.split(" ");
                    cases.add(Arguments.of(k[0], Integer.parseInt(k[1]), format, encrypted));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} -m {2} encrypted={3}")
    @MethodSource("sshKeygenCases")
    void readsWhatSshKeygenWrites(String type, int bits, String format, boolean encrypted, @TempDir Path dir)
            throws Exception {
        KeyFixtures.assumeSshKeygen();
        Path file = dir.resolve("id_" + type);
        Result made = KeyFixtures.run(List.of(KeyFixtures.SSH_KEYGEN.toString(), "-q", "-t", type, "-b",
                Integer.toString(bits), "-m", format, "-N", encrypted ? PASSPHRASE : "", "-C", "", "-f", file.toString()));
        if (type.equals("dsa") && made.exit() != 0) {
            System.err.println("*** SKIPPED: this ssh-keygen no longer makes DSA keys: " + made.output() + " ***");
            Assumptions.abort("ssh-keygen cannot make DSA keys");
        }
        assertEquals(0, made.exit(), made.output());
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        assertTrue(text.startsWith(format.equals("PEM") ? "-----BEGIN " + (type.equals("ecdsa") ? "EC" : type.toUpperCase())
                : encrypted ? "-----BEGIN ENCRYPTED PRIVATE KEY" : "-----BEGIN PRIVATE KEY"), text.lines().findFirst().orElse(""));
        Result printed = KeyFixtures.run(List.of(KeyFixtures.SSH_KEYGEN.toString(), "-y", "-P",
                encrypted ? PASSPHRASE : "", "-f", file.toString()));
        assertEquals(0, printed.exit(), printed.output());

        OpenSshKeyFile.KeyFile kf = PrivateKeyFiles.read(file, passphrase());
        KeyFileFixtures.signsAndVerifies(kf.keyPair(), KeyFileFixtures.publicKey(printed.output()));
        if (encrypted) {
            assertThrows(WrongPassphraseException.class, () -> PrivateKeyFiles.read(file, KeyFileFixtures.wrong()));
            assertThrows(WrongPassphraseException.class, () -> PrivateKeyFiles.read(file, PassphraseSource.none()));
        }
    }

    @ParameterizedTest
    @CsvSource({"PEM", "PKCS8"})
    void ed25519StaysInOpenSshFormatWhateverTheFormatAsked(String format, @TempDir Path dir) throws Exception {
        KeyFixtures.assumeSshKeygen();
        Path file = dir.resolve("id_ed25519");
        Result made = KeyFixtures.run(List.of(KeyFixtures.SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-m", format,
                "-N", "", "-C", "c", "-f", file.toString()));
        assertEquals(0, made.exit(), made.output());
        // OpenSSH 9.2 writes Ed25519 keys only as openssh-key-v1; the facade hands them to OpenSshKeyFile
        assertTrue(Files.readString(file).startsWith(OpenSshKeyFile.BEGIN));
        OpenSshKeyFile.KeyFile kf = PrivateKeyFiles.read(file, PassphraseSource.none());
        KeyFileFixtures.signsAndVerifies(kf.keyPair(), KeyFileFixtures.publicKey(Path.of(file + ".pub")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "ED25519 | plain",
        "ED448 | plain",
        "ED25519 | pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA1",
        "ED448 | pkcs8 -topk8 -v2 aes-128-cbc -v2prf hmacWithSHA256",
        "RSA -pkeyopt rsa_keygen_bits:1024 | pkcs8 -topk8 -v2 des3 -v2prf hmacWithSHA256",
        "EC -pkeyopt ec_paramgen_curve:P-384 | pkcs8 -topk8 -v2 aes-192-cbc -v2prf hmacWithSHA512",
        "RSA -pkeyopt rsa_keygen_bits:1024 | pkey -traditional -aes128",
        "RSA -pkeyopt rsa_keygen_bits:1024 | pkey -traditional -des3",
        "EC -pkeyopt ec_paramgen_curve:P-256 | ec -aes192",
        "EC -pkeyopt ec_paramgen_curve:P-521 | ec -des3"})
    void readsWhatOpensslWrites(String algorithm, String convert, @TempDir Path dir) throws Exception {
        KeyFileFixtures.assumeTool(OPENSSL, "openssl");
        Path plain = dir.resolve("plain.pem");
        List<String> gen = new ArrayList<>(List.of(OPENSSL.toString(), "genpkey", "-algorithm"));
        gen.addAll(Arrays.asList(algorithm.split(" ")));
        gen.addAll(List.of("-out", plain.toString()));
        Result made = KeyFixtures.run(gen);
        assertEquals(0, made.exit(), made.output());
        Path file = plain;
        if (!convert.equals("plain")) {
            file = dir.resolve("converted.pem");
            List<String> cmd = new ArrayList<>(List.of(OPENSSL.toString()));
            cmd.addAll(Arrays.asList(convert.split(" ")));
            cmd.addAll(List.of("-in", plain.toString(), "-passout", "pass:" + PASSPHRASE, "-out", file.toString()));
            Result converted = KeyFixtures.run(cmd);
            assertEquals(0, converted.exit(), converted.output());
        }
        // The public key as OpenSSL sees it, in DER (SubjectPublicKeyInfo): our blob's key bytes end it.
        Path der = dir.resolve("public.der");
        Result pub = KeyFixtures.run(List.of(OPENSSL.toString(), "pkey", "-in", plain.toString(), "-pubout",
                "-outform", "DER", "-out", der.toString()));
        assertEquals(0, pub.exit(), pub.output());

        OpenSshKeyFile.KeyFile kf = PrivateKeyFiles.read(file, passphrase());
        byte[] spki = Files.readAllBytes(der);
        byte[] ours = publicKeyBits(kf);
        assertTrue(contains(spki, ours), "OpenSSL's public key holds ours");
        KeyFileFixtures.signsAndVerifies(kf.keyPair(), new PublicKeyFile(kf.keyPair().publicKey(), ""));
        if (!convert.equals("plain")) {
            assertThrows(WrongPassphraseException.class, () -> PrivateKeyFiles.read(dir.resolve("converted.pem"),
                    KeyFileFixtures.wrong()));
        }
        // the JDK alone reads everything OpenSSL writes here (PBKDF2, AES, 3DES, MD5 are in every JDK)
        PrivateKeyFiles.read(file, passphrase(), chain("jca")).keyPair().close();
    }

    /** What SubjectPublicKeyInfo holds verbatim: the EdDSA key, the EC point, the RSA modulus as a DER INTEGER's contents. */
    private static byte[] publicKeyBits(OpenSshKeyFile.KeyFile kf) throws Exception {
        return switch (SshKeyCodec.publicMaterial(kf.keyPair().publicKey())) {
            case PublicKeyMaterial.Edwards ed -> ed.encoded();
            case PublicKeyMaterial.Ec ec -> ec.point();
            case PublicKeyMaterial.Rsa rsa -> rsa.modulus().toByteArray();
            case PublicKeyMaterial.Dsa dsa -> dsa.y().toByteArray();
        };
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
