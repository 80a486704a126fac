package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ssh.test.crypto.Providers.assumeSupports;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.spi.CryptoProvider;

/** RFC 8032 EdDSA signing, RFC 6979 ECDSA and published RSA PKCS#1 v1.5 verification vectors. */
class SignatureKnownAnswerTest {
    static Stream<Arguments> eddsa() {
        return Stream.concat(
                Vectors.withProviders("ed25519.txt").map(a -> Arguments.of(a.get()[0], a.get()[1], Primitive.ED25519)),
                Vectors.withProviders("ed448.txt").map(a -> Arguments.of(a.get()[0], a.get()[1], Primitive.ED448)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("eddsa")
    void rfc8032(CryptoProvider provider, Vectors.Case c, Primitive p) throws Exception {
        assumeSupports(provider, p);
        var key = new PrivateKeyMaterial.Edwards(Secret.copyOf(c.hex("secret")), c.hex("public"));
        byte[] msg = c.hex("message");
        var signer = provider.signature(p);
        assertArrayEquals(c.hex("signature"), signer.sign(key, msg));
        assertTrue(signer.verify(key.publicKey(), msg, c.hex("signature")));
        byte[] other = msg.length == 0 ? new byte[] {0} : msg.clone();
        other[0] ^= 1;
        assertFalse(signer.verify(key.publicKey(), other, c.hex("signature")));
    }

    static Stream<Arguments> ecdsa() {
        return Vectors.withProviders("ecdsa.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ecdsa")
    void rfc6979Verification(CryptoProvider provider, Vectors.Case c) throws Exception {
        Primitive p = switch (c.text("curve")) {
            case "P-256" -> Primitive.ECDSA_P256;
            case "P-384" -> Primitive.ECDSA_P384;
            default -> Primitive.ECDSA_P521;
        };
        assumeSupports(provider, p);
        int n = c.text("curve").equals("P-521") ? 66 : c.text("curve").equals("P-384") ? 48 : 32;
        byte[] point = new byte[1 + 2 * n];
        point[0] = 4;
        System.arraycopy(fixed(c.text("ux"), n), 0, point, 1, n);
        System.arraycopy(fixed(c.text("uy"), n), 0, point, 1 + n, n);
        byte[] sig = new byte[2 * n];
        System.arraycopy(fixed(c.text("r"), n), 0, sig, 0, n);
        System.arraycopy(fixed(c.text("s"), n), 0, sig, n, n);
        var pub = new PublicKeyMaterial.Ec(point);
        assertTrue(provider.signature(p).verify(pub, c.hex("message"), sig));
        sig[5] ^= 1;
        assertFalse(provider.signature(p).verify(pub, c.hex("message"), sig));

        // And a signature made now with the RFC's private key verifies against the RFC's public key.
        var priv = new PrivateKeyMaterial.Ec(Secret.wrap(fixed(c.text("private"), n)), point);
        assertTrue(provider.signature(p).verify(pub, c.hex("message"), provider.signature(p).sign(priv, c.hex("message"))));
    }

    private static byte[] fixed(String hex, int n) {
        byte[] raw = new BigInteger(hex, 16).toByteArray();
        byte[] out = new byte[n];
        int copy = Math.min(raw.length, n);
        System.arraycopy(raw, raw.length - copy, out, n - copy, copy);
        return out;
    }

    static Stream<Arguments> rsa() {
        return Vectors.withProviders("rsa.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rsa")
    void rsaPkcs1Verification(CryptoProvider provider, Vectors.Case c) throws Exception {
        Primitive p = Primitive.valueOf("RSA_" + c.text("hash"));
        assumeSupports(provider, p);
        var pub = new PublicKeyMaterial.Rsa(new BigInteger(c.text("n"), 16), new BigInteger(c.text("e"), 16));
        boolean valid = c.text("result").equals("valid");
        assertEquals(valid, provider.signature(p).verify(pub, c.hex("message"), c.hex("signature")));
    }
}
