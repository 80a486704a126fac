package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static ssh.test.crypto.Providers.assumeSupports;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.Secret;
import ssh.api.spi.CryptoProvider;

/** RFC 7748 X25519/X448 (including the iterated test) and FIPS 203 ML-KEM-768 decapsulation. */
class AgreementKnownAnswerTest {
    static Stream<Arguments> xdh() {
        return Stream.concat(
                Vectors.withProviders("x25519.txt").map(a -> Arguments.of(a.get()[0], a.get()[1], Primitive.X25519)),
                Vectors.withProviders("x448.txt").map(a -> Arguments.of(a.get()[0], a.get()[1], Primitive.X448)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("xdh")
    void rfc7748(CryptoProvider provider, Vectors.Case c, Primitive p) throws Exception {
        assumeSupports(provider, p);
        if (c.has("scalar")) {
            assertArrayEquals(c.hex("output"), x(provider, p, c.hex("scalar"), c.hex("u")));
        } else if (c.has("iterations")) {
            int n = Integer.parseInt(c.text("iterations"));
            byte[] k = new byte[p == Primitive.X25519 ? 32 : 56];
            k[0] = (byte) (p == Primitive.X25519 ? 9 : 5);
            byte[] u = k.clone();
            for (int i = 0; i < n; i++) {
                byte[] next = x(provider, p, k, u);
                u = k;
                k = next;
            }
            assertArrayEquals(c.hex("result"), k);
        } else {
            KeyAgreementPrimitive alice = provider.keyAgreement(p);
            assertArrayEquals(c.hex("alice_public"), alice.setPrivateKey(c.hex("alice_private")));
            KeyAgreementPrimitive bob = provider.keyAgreement(p);
            assertArrayEquals(c.hex("bob_public"), bob.setPrivateKey(c.hex("bob_private")));
            try (Secret a = alice.agree(c.hex("bob_public")); Secret b = bob.agree(c.hex("alice_public"))) {
                assertArrayEquals(c.hex("shared"), a.bytes());
                assertArrayEquals(c.hex("shared"), b.bytes());
            }
        }
    }

    private static byte[] x(CryptoProvider provider, Primitive p, byte[] scalar, byte[] u) throws Exception {
        KeyAgreementPrimitive ka = provider.keyAgreement(p);
        ka.setPrivateKey(scalar);
        try (Secret s = ka.agree(u)) {
            return s.bytes();
        }
    }

    static Stream<Arguments> mlkem() {
        return Vectors.withProviders("mlkem768.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("mlkem")
    void mlkem768DecapsulatesAKnownCiphertext(CryptoProvider provider, Vectors.Case c) throws Exception {
        assumeSupports(provider, Primitive.ML_KEM_768);
        KemPrimitive kem = provider.kem(Primitive.ML_KEM_768);
        kem.setPrivateKey(c.hex("dk"));
        try (Secret ss = kem.decapsulate(c.hex("ct"))) {
            assertArrayEquals(c.hex("ss"), ss.bytes());
        }
    }
}
