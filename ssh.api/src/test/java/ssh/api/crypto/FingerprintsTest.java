package ssh.api.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshCryptoException;
import ssh.api.SshException;
import ssh.api.spi.CryptoProvider;

/**
 * Fingerprints: the same strings as {@code ssh-keygen -l}, fixed vectors taken from it and keys it
 * generates at test time. ssh.api's tests cannot see the crypto providers, so digests come from a
 * tiny provider over {@link MessageDigest}.
 */
class FingerprintsTest {
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    /** Supplies digests from the JDK, nothing else. */
    static final class JdkDigests implements CryptoProvider {
        @Override
        public String name() {
            return "jdk-digests";
        }

        @Override
        public boolean supports(Primitive primitive) {
            return primitive == Primitive.SHA256 || primitive == Primitive.MD5;
        }

        @Override
        public DigestPrimitive digest(Primitive primitive) throws SshCryptoException {
            if (!supports(primitive)) {
                throw unsupported(primitive);
            }
            MessageDigest md;
            try {
                md = MessageDigest.getInstance(primitive == Primitive.SHA256 ? "SHA-256" : "MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new SshCryptoException(e.getMessage(), e);
            }
            return new DigestPrimitive() {
                @Override
                public int length() {
                    return md.getDigestLength();
                }

                @Override
                public void update(byte[] b, int off, int len) {
                    md.update(b, off, len);
                }

                @Override
                public void digest(byte[] out, int outOff) {
                    byte[] d = md.digest();
                    System.arraycopy(d, 0, out, outOff, d.length);
                }
            };
        }
    }

    static final CryptoProvider CRYPTO = new JdkDigests();

    /** A key line's blob as a key. */
    static SshPublicKey fromLine(String line) throws SshException {
        return SshKeyCodec.publicKey(Base64.getDecoder().decode(line.strip().split("\\s+")[1]));
    }

    @Test
    void ed25519MatchesSshKeygenOutput() throws Exception {
        SshPublicKey key = fromLine("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINLNYxH6yW1dF87H+pin77nAJvlYsJ5wLC13YMaeIJKi x");
        assertEquals("SHA256:y26rtBTXuRBTICRiFwp/XlhEIMcEzAPpJTOLqZMkTSg", Fingerprints.sha256(key, CRYPTO));
        assertEquals("MD5:ac:35:0c:62:60:81:41:34:25:fb:d3:b1:ca:c5:45:5f", Fingerprints.md5(key, CRYPTO));
    }

    @Test
    void ecdsaMatchesSshKeygenOutput() throws Exception {
        SshPublicKey key = fromLine("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFF+vnle"
                + "/73xtHbbM3xB+dqmK488qkgoW71FT2t2kj0jzOjoElcOiXhxEw/lUqAcxnr9XIONiMZZc65R62v2/Fk=");
        assertEquals("SHA256:P0/yq5eE78IDK38DP8VKL9QDt6/80kK43Sres0bJIJI", Fingerprints.sha256(key, CRYPTO));
        assertEquals("MD5:3b:ce:d4:37:f4:53:14:bc:8b:20:13:83:2f:86:33:b2", Fingerprints.md5(key, CRYPTO));
    }

    @Test
    void missingDigestIsTheProvidersError() {
        CryptoProvider none = new CryptoProvider() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            public boolean supports(Primitive primitive) {
                return false;
            }
        };
        SshPublicKey key = new SshPublicKey("x", new byte[] {0, 0, 0, 1, 'x'});
        assertThrows(SshCryptoException.class, () -> Fingerprints.sha256(key, none));
        assertThrows(SshCryptoException.class, () -> Fingerprints.md5(key, none));
    }

    @Property(tries = 200)
    void formatsHaveOpenSshShape(@ForAll @Size(max = 600) byte[] blob) throws Exception {
        SshPublicKey key = new SshPublicKey("any", blob);
        String sha = Fingerprints.sha256(key, CRYPTO);
        assertTrue(sha.matches("SHA256:[A-Za-z0-9+/]{43}"), sha);
        String md5 = Fingerprints.md5(key, CRYPTO);
        assertTrue(md5.matches("MD5:[0-9a-f]{2}(:[0-9a-f]{2}){15}"), md5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void sameAsRealSshKeygen(String type, @TempDir Path dir) throws Exception {
        assumeSshKeygen();
        Path priv = dir.resolve("id_" + type);
        run(List.of(SSH_KEYGEN.toString(), "-q", "-N", "", "-t", type, "-f", priv.toString()));
        Path pub = dir.resolve("id_" + type + ".pub");
        SshPublicKey key = fromLine(Files.readString(pub, StandardCharsets.US_ASCII));
        assertEquals(keygenFingerprint(pub, "sha256"), Fingerprints.sha256(key, CRYPTO));
        assertEquals(keygenFingerprint(pub, "md5"), Fingerprints.md5(key, CRYPTO));
    }

    /** The second field of {@code ssh-keygen -l -E hash -f pub}: "256 SHA256:... comment (ED25519)". */
    static String keygenFingerprint(Path pub, String hash) throws IOException, InterruptedException {
        String out = run(List.of(SSH_KEYGEN.toString(), "-l", "-E", hash, "-f", pub.toString()));
        return out.strip().split("\\s+")[1];
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited with " + p.exitValue() + ": " + out);
        }
        return out;
    }

    /** Skips loudly without ssh-keygen, or fails when {@code SECSH_INTEROP=require}. */
    static void assumeSshKeygen() {
        if (!Files.isExecutable(SSH_KEYGEN)) {
            String message = "OpenSSH interop test needs " + SSH_KEYGEN + ", which is missing (apt-get install openssh-client)";
            if ("require".equals(System.getenv("SECSH_INTEROP"))) {
                fail(message + " and SECSH_INTEROP=require");
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            Assumptions.abort(message);
        }
    }
}
