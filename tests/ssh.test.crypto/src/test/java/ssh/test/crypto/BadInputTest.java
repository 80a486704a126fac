package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static ssh.test.crypto.Providers.assumeSupports;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshCryptoException;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.spi.CryptoProvider;

/**
 * Wrong sizes, bad public values and malformed keys give {@link SshCryptoException} from every
 * provider: never a wrong answer, never an unchecked exception.
 */
class BadInputTest {
    static List<CryptoProvider> providers() {
        return Providers.all();
    }

    /** X25519 public values whose shared secret is all zeros whatever the private key (the small-order points). */
    static Stream<Arguments> x25519LowOrder() {
        return providers().stream().flatMap(p -> Stream.of(
                "0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
                "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")
                .map(u -> Arguments.of(p, u)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("x25519LowOrder")
    void x25519LowOrderPointsAreRefused(CryptoProvider provider, String u) throws Exception {
        assumeSupports(provider, Primitive.X25519);
        KeyAgreementPrimitive ka = provider.keyAgreement(Primitive.X25519);
        ka.generateKeyPair();
        assertThrows(SshCryptoException.class, () -> ka.agree(HexFormat.of().parseHex(u)));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void x448LowOrderPointsAreRefused(CryptoProvider provider) throws Exception {
        assumeSupports(provider, Primitive.X448);
        for (int small : new int[] {0, 1}) {
            KeyAgreementPrimitive ka = provider.keyAgreement(Primitive.X448);
            ka.generateKeyPair();
            byte[] u = new byte[56];
            u[0] = (byte) small;
            assertThrows(SshCryptoException.class, () -> ka.agree(u), "u = " + small);
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void ecdhPointsOffTheCurveAreRefused(CryptoProvider provider) throws Exception {
        for (Primitive p : List.of(Primitive.ECDH_P256, Primitive.ECDH_P384, Primitive.ECDH_P521)) {
            if (!provider.supports(p)) {
                continue;
            }
            KeyAgreementPrimitive a = provider.keyAgreement(p);
            byte[] good = a.generateKeyPair();
            byte[] offCurve = good.clone();
            offCurve[offCurve.length - 1] ^= 1;
            assertThrows(SshCryptoException.class, () -> a.agree(offCurve), p + " off-curve point");
            byte[] compressed = new byte[(good.length - 1) / 2 + 1];
            compressed[0] = 2;
            assertThrows(SshCryptoException.class, () -> a.agree(compressed), p + " compressed point");
            assertThrows(SshCryptoException.class, () -> a.agree(new byte[0]), p + " empty point");
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void ecdsaKeysOffTheCurveAreRefused(CryptoProvider provider) throws Exception {
        assumeSupports(provider, Primitive.ECDSA_P256);
        byte[] point = ((PublicKeyMaterial.Ec) provider.generateKeyPair(Primitive.ECDSA_P256, 0).publicKey()).point();
        point[point.length - 1] ^= 1;
        assertThrows(SshCryptoException.class, () -> provider.signature(Primitive.ECDSA_P256)
                .verify(new PublicKeyMaterial.Ec(point), new byte[1], new byte[64]));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void dhValuesOutsideTwoToPMinusTwoAreRefused(CryptoProvider provider) throws Exception {
        assumeSupports(provider, Primitive.DH);
        BigInteger p = TestGroups.P14;
        for (BigInteger f : List.of(BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p,
                p.add(BigInteger.ONE), BigInteger.valueOf(-2))) {
            var dh = provider.dh(p, TestGroups.G);
            dh.generateKeyPair(256);
            assertThrows(SshCryptoException.class, () -> dh.agree(f), "f = " + f.toString(16));
        }
        assertThrows(SshCryptoException.class, () -> provider.dh(p.add(BigInteger.ONE), TestGroups.G), "even p");
        assertThrows(SshCryptoException.class, () -> provider.dh(BigInteger.valueOf(23), TestGroups.G), "tiny p");
        assertThrows(SshCryptoException.class, () -> provider.dh(p, BigInteger.ONE), "g = 1");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void wrongKeySizesAreRefused(CryptoProvider provider) throws Exception {
        assertThrows(SshCryptoException.class, () -> provider.cipher(Primitive.AES_CTR).init(true, new byte[15], new byte[16]));
        assertThrows(SshCryptoException.class, () -> provider.cipher(Primitive.AES_CBC).init(true, new byte[16], new byte[8]));
        assertThrows(SshCryptoException.class, () -> provider.cipher(Primitive.TRIPLE_DES_CBC).init(true, new byte[16], new byte[8]));
        assertThrows(SshCryptoException.class, () -> provider.aead(Primitive.AES_GCM).init(new byte[20]));
        assertThrows(SshCryptoException.class, () -> provider.chacha20().init(new byte[16]));
        assertThrows(SshCryptoException.class, () -> provider.keyAgreement(Primitive.X25519).setPrivateKey(new byte[31]));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void malformedKemInputsAreRefused(CryptoProvider provider) throws Exception {
        for (Primitive p : List.of(Primitive.ML_KEM_768, Primitive.ML_KEM_1024, Primitive.SNTRUP761)) {
            if (!provider.supports(p)) {
                continue;
            }
            var kem = provider.kem(p);
            byte[] pk = kem.generateKeyPair();
            assertThrows(SshCryptoException.class, () -> provider.kem(p).encapsulate(new byte[pk.length - 1]), p.name());
            assertThrows(SshCryptoException.class, () -> kem.decapsulate(new byte[7]), p.name());
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void malformedSignatureKeysAndSignatures(CryptoProvider provider) throws Exception {
        assumeSupports(provider, Primitive.ED25519);
        var ed = provider.signature(Primitive.ED25519);
        assertThrows(SshCryptoException.class,
                () -> ed.verify(new PublicKeyMaterial.Edwards(new byte[31]), new byte[1], new byte[64]));
        var key = provider.generateKeyPair(Primitive.ED25519, 0);
        assertFalse(ed.verify(key.publicKey(), new byte[1], new byte[63]), "short signature");
        assertFalse(ed.verify(key.publicKey(), new byte[1], new byte[0]), "empty signature");
        assertThrows(SshCryptoException.class, () -> provider.signature(Primitive.RSA_SHA256)
                .verify(key.publicKey(), new byte[1], new byte[256]), "Ed25519 key for RSA");
        assertThrows(SshCryptoException.class, () -> provider.generateKeyPair(Primitive.RSA_SHA256, 512));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void unsupportedPrimitivesSaySo(CryptoProvider provider) throws Exception {
        for (Primitive p : Primitive.values()) {
            if (!provider.supports(p) && p.kind() == Primitive.Kind.KEM) {
                SshCryptoException e = assertThrows(SshCryptoException.class, () -> provider.kem(p));
                org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cannot supply " + p), e.getMessage());
            }
        }
        assertThrows(SshCryptoException.class, () -> provider.kem(Primitive.AES_CTR), "wrong kind");
    }
}
