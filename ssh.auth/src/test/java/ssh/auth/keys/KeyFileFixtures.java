package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;

/** The committed PEM, PKCS#8 and PuTTY fixtures, provider chains, and the signing check every format test makes. */
final class KeyFileFixtures {
    /** The passphrase of every encrypted fixture. */
    static final String PASSPHRASE = "correct horse";
    static final Path OPENSSL = Path.of("/usr/bin/openssl");
    static final byte[] DATA = "signed by a key read from a file".getBytes(StandardCharsets.UTF_8);

    private KeyFileFixtures() {
    }

    static PassphraseSource passphrase() {
        return PassphraseSource.of(PASSPHRASE.toCharArray());
    }

    static PassphraseSource wrong() {
        return PassphraseSource.of("correct horsf".toCharArray());
    }

    /** A provider chain as configuration names it: {@code "jca"}, {@code "bc"}, or null for the default. */
    static CryptoProvider chain(String spec) {
        try {
            return AlgorithmRegistry.load().providerChain(spec);
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    /** A fixture's text, from {@code src/test/resources/<path>}. */
    static String resource(String path) throws IOException {
        try (InputStream in = KeyFileFixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new AssertionError("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The public key of a {@code .pub} fixture or file. */
    static PublicKeyFile publicKey(String pubLine) throws SshException {
        return PublicKeyFile.parse(pubLine.strip());
    }

    static PublicKeyFile publicKey(Path pub) throws IOException {
        return publicKey(Files.readString(pub, StandardCharsets.UTF_8));
    }

    /** The signature algorithm secsh uses for a key type. */
    static String algorithmFor(String keyType) {
        return keyType.equals("ssh-rsa") ? "rsa-sha2-256" : keyType;
    }

    /** {@code pair} signs, the signature verifies under {@code expected}, and not for other data. */
    static void signsAndVerifies(SshKeyPair pair, PublicKeyFile expected) throws SshException {
        assertEquals(expected.key(), pair.publicKey());
        CryptoProvider crypto = chain(null);
        PublicKeyAlgorithmFactory alg = KeyFixtures.algorithm(algorithmFor(pair.publicKey().type()));
        byte[] sig = alg.sign(pair, DATA, crypto);
        assertTrue(alg.verify(expected.key(), DATA, sig, crypto), "signature verifies");
        byte[] other = DATA.clone();
        other[0] ^= 1;
        assertFalse(alg.verify(expected.key(), other, sig, crypto), "signature of other data");
    }

    /** Skips loudly when {@code tool} is missing, or fails when {@code SECSH_INTEROP=require}. */
    static void assumeTool(Path tool, String debianPackage) {
        if (!Files.isExecutable(tool)) {
            String message = "interop test needs " + tool + ", which is missing (apt-get install " + debianPackage + ")";
            if ("require".equals(System.getenv("SECSH_INTEROP"))) {
                fail(message + " and SECSH_INTEROP=require");
            }
            System.err.println("*** SKIPPED: " + message + " ***");
            Assumptions.abort(message);
        }
    }
}
