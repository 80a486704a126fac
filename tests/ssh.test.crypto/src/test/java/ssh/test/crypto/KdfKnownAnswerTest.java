package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.crypto.Providers.assumeSupports;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshCryptoException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.spi.CryptoProvider;

/**
 * RFC 6070 / RFC 7914 PBKDF2, RFC 9106 and reference-implementation Argon2, and RFC 8032 public keys
 * derived from seeds, against each provider; and what each provider refuses.
 */
class KdfKnownAnswerTest {
    static Stream<Arguments> pbkdf2() {
        return Vectors.withProviders("pbkdf2.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pbkdf2")
    void pbkdf2(CryptoProvider provider, Vectors.Case c) throws Exception {
        Primitive p = Primitive.valueOf(c.text("algorithm"));
        assumeSupports(provider, p);
        byte[] expected = c.hex("key");
        assertArrayEquals(expected, provider.pbkdf2(p, c.hex("password"), c.hex("salt"),
                Integer.parseInt(c.text("iterations")), expected.length));
    }

    static Stream<Arguments> argon2() {
        return Vectors.withProviders("argon2.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("argon2")
    void argon2(CryptoProvider provider, Vectors.Case c) throws Exception {
        Primitive p = Primitive.valueOf(c.text("algorithm"));
        assumeSupports(provider, p);
        byte[] expected = c.hex("tag");
        assertArrayEquals(expected, provider.argon2(p, c.hex("password"), c.hex("salt"), c.hex("secret"), c.hex("ad"),
                Integer.parseInt(c.text("memory")), Integer.parseInt(c.text("passes")),
                Integer.parseInt(c.text("parallelism")), expected.length));
    }

    static Stream<Arguments> seeds() {
        return Stream.concat(
                Vectors.withProviders("ed25519.txt").map(a -> Arguments.of(a.get()[0], a.get()[1], Primitive.ED25519)),
                Vectors.withProviders("ed448.txt").map(a -> Arguments.of(a.get()[0], a.get()[1], Primitive.ED448)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("seeds")
    void publicKeyFromSeed(CryptoProvider provider, Vectors.Case c, Primitive p) throws Exception {
        assumeSupports(provider, p);
        PublicKeyMaterial pub = provider.derivePublicKey(p, Secret.wrap(c.hex("secret")));
        assertArrayEquals(c.hex("public"), ((PublicKeyMaterial.Edwards) pub).encoded());
    }

    static Stream<CryptoProvider> providers() {
        return Providers.all().stream();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void badArgumentsAreRefused(CryptoProvider provider) throws Exception {
        assumeSupports(provider, Primitive.PBKDF2_HMAC_SHA256);
        Primitive p = Primitive.PBKDF2_HMAC_SHA256;
        byte[] pw = {'p'};
        byte[] salt = {'s', 'a', 'l', 't'};
        assertThrows(SshCryptoException.class, () -> provider.pbkdf2(p, pw, salt, 0, 32), "no iterations");
        assertThrows(SshCryptoException.class, () -> provider.pbkdf2(p, pw, salt, 1, 0), "no output");
        assertThrows(SshCryptoException.class, () -> provider.pbkdf2(p, pw, salt, 1, 65537), "too long");
        assertThrows(SshCryptoException.class, () -> provider.pbkdf2(p, pw, new byte[0], 1, 32), "empty salt");
        assertThrows(SshCryptoException.class, () -> provider.pbkdf2(p, null, salt, 1, 32), "no password");
        assertThrows(SshCryptoException.class, () -> provider.pbkdf2(Primitive.SHA256, pw, salt, 1, 32), "not a KDF");
        assertThrows(SshCryptoException.class, () -> provider.pbkdf2(Primitive.ARGON2ID, pw, salt, 1, 32), "Argon2");
        assertThrows(SshCryptoException.class, () -> provider.derivePublicKey(Primitive.ED25519, Secret.wrap(new byte[31])));
        assertThrows(SshCryptoException.class, () -> provider.derivePublicKey(Primitive.RSA_SHA256, Secret.wrap(new byte[32])));
        if (provider.supports(Primitive.ARGON2ID)) {
            Primitive a = Primitive.ARGON2ID;
            byte[] none = new byte[0];
            assertThrows(SshCryptoException.class, () -> provider.argon2(a, pw, salt, none, none, 8, 0, 1, 32), "passes");
            assertThrows(SshCryptoException.class, () -> provider.argon2(a, pw, salt, none, none, 15, 1, 2, 32), "memory");
            assertThrows(SshCryptoException.class, () -> provider.argon2(a, pw, salt, none, none, 8, 1, 0, 32), "lanes");
            assertThrows(SshCryptoException.class, () -> provider.argon2(a, pw, salt, none, none, 8, 1, 1, 3), "tag");
            assertThrows(SshCryptoException.class, () -> provider.argon2(a, pw, salt, null, none, 8, 1, 1, 32), "null");
            assertThrows(SshCryptoException.class, () -> provider.argon2(Primitive.PBKDF2_HMAC_SHA1, pw, salt, none,
                    none, 8, 1, 1, 32), "not Argon2");
        }
    }

    @Test
    void jcaHasNoArgon2AndSaysSo() {
        CryptoProvider jca = Providers.jca();
        for (Primitive p : new Primitive[] {Primitive.ARGON2D, Primitive.ARGON2I, Primitive.ARGON2ID}) {
            assertFalse(jca.supports(p), p.toString());
            SshCryptoException e = assertThrows(SshCryptoException.class,
                    () -> jca.argon2(p, new byte[1], new byte[8], new byte[0], new byte[0], 8, 1, 1, 32));
            assertTrue(e.getMessage().contains("cannot supply " + p), e.getMessage());
        }
        assertTrue(Providers.bc().supports(Primitive.ARGON2ID));
    }

    @Test
    void theDefaultChainHandsEachKdfToAProviderThatHasIt() throws Exception {
        CryptoProvider chain = AlgorithmRegistry.load().providerChain(null);
        Vectors.Case sha1 = Vectors.load("pbkdf2.txt").get(0);
        assertArrayEquals(sha1.hex("key"), chain.pbkdf2(Primitive.PBKDF2_HMAC_SHA1, sha1.hex("password"),
                sha1.hex("salt"), Integer.parseInt(sha1.text("iterations")), 20));
        Vectors.Case id = Vectors.load("argon2.txt").get(2);
        assertEquals("ARGON2ID", id.text("algorithm"));
        assertArrayEquals(id.hex("tag"), chain.argon2(Primitive.ARGON2ID, id.hex("password"), id.hex("salt"),
                id.hex("secret"), id.hex("ad"), 32, 3, 4, 32));
        Vectors.Case ed = Vectors.load("ed25519.txt").get(0);
        assertArrayEquals(ed.hex("public"),
                ((PublicKeyMaterial.Edwards) chain.derivePublicKey(Primitive.ED25519, Secret.wrap(ed.hex("secret"))))
                        .encoded());
        SshCryptoException e = assertThrows(SshCryptoException.class, () -> AlgorithmRegistry.load()
                .providerChain("jca").argon2(Primitive.ARGON2ID, new byte[1], new byte[8], new byte[0], new byte[0],
                        8, 1, 1, 32));
        assertTrue(e.getMessage().contains("ARGON2ID"), e.getMessage());
    }

    @Test
    void jcaRefusesPasswordsThatAreNotUtf8() throws Exception {
        CryptoProvider jca = Providers.jca();
        assumeSupports(jca, Primitive.PBKDF2_HMAC_SHA1);
        byte[] salt = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThrows(SshCryptoException.class, () -> jca.pbkdf2(Primitive.PBKDF2_HMAC_SHA1, new byte[] {(byte) 0xff},
                salt, 1, 20));
        // a well-formed multi-byte password gives what Bouncy Castle gives for the same bytes
        byte[] utf8 = "pässwörd \uD83D\uDD11".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(Providers.bc().pbkdf2(Primitive.PBKDF2_HMAC_SHA1, utf8, salt, 3, 20),
                jca.pbkdf2(Primitive.PBKDF2_HMAC_SHA1, utf8, salt, 3, 20));
        assertEquals(20, jca.pbkdf2(Primitive.PBKDF2_HMAC_SHA1, new byte[0], salt, 1, 20).length, "empty password");
    }
}
