package ssh.api.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireWriter;

/**
 * SshKeyCodec: key and signature encodings round-trip, follow the RFC and openssh-key-v1 layouts,
 * and malformed input is always the codec's checked exception. Keys come from the JDK directly, as
 * ssh.api's tests cannot see the crypto providers.
 */
class SshKeyCodecTest {
    static PrivateKeyMaterial edwards(int n) {
        byte[] seed = new byte[n];
        byte[] pub = new byte[n];
        ThreadLocalRandom.current().nextBytes(seed);
        ThreadLocalRandom.current().nextBytes(pub);
        return new PrivateKeyMaterial.Edwards(Secret.wrap(seed), pub);
    }

    static PrivateKeyMaterial ec(String curve, int n) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        var kp = g.generateKeyPair();
        var w = ((ECPublicKey) kp.getPublic()).getW();
        byte[] point = new byte[1 + 2 * n];
        point[0] = 4;
        System.arraycopy(fixed(w.getAffineX(), n), 0, point, 1, n);
        System.arraycopy(fixed(w.getAffineY(), n), 0, point, 1 + n, n);
        return new PrivateKeyMaterial.Ec(Secret.wrap(fixed(((ECPrivateKey) kp.getPrivate()).getS(), n)), point);
    }

    static PrivateKeyMaterial rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) g.generateKeyPair().getPrivate();
        return new PrivateKeyMaterial.Rsa(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrimeP(), k.getPrimeQ(), k.getCrtCoefficient());
    }

    static PrivateKeyMaterial dsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("DSA");
        g.initialize(1024);
        var kp = g.generateKeyPair();
        var params = ((DSAPrivateKey) kp.getPrivate()).getParams();
        return new PrivateKeyMaterial.Dsa(params.getP(), params.getQ(), params.getG(),
                ((DSAPublicKey) kp.getPublic()).getY(), ((DSAPrivateKey) kp.getPrivate()).getX());
    }

    static byte[] fixed(BigInteger v, int n) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[n];
        int len = Math.min(n, b.length);
        System.arraycopy(b, b.length - len, out, n - len, len);
        return out;
    }

    static PrivateKeyMaterial material(String type) throws Exception {
        return switch (type) {
            case "ssh-ed25519" -> edwards(32);
            case "ssh-ed448" -> edwards(57);
            case "ecdsa-sha2-nistp256" -> ec("secp256r1", 32);
            case "ecdsa-sha2-nistp384" -> ec("secp384r1", 48);
            case "ecdsa-sha2-nistp521" -> ec("secp521r1", 66);
            case "ssh-rsa" -> rsa(2048);
            default -> dsa();
        };
    }

    static final List<String> TYPES = List.of("ssh-ed25519", "ssh-ed448", "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss");

    @ParameterizedTest
    @ValueSource(strings = {"ssh-ed25519", "ssh-ed448", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "ssh-rsa", "ssh-dss"})
    void keysRoundTrip(String type) throws Exception {
        PrivateKeyMaterial m = material(type);
        SshKeyPair pair = SshKeyCodec.keyPair(type, m);
        assertEquals(type, pair.publicKey().type());
        SshPublicKey parsed = SshKeyCodec.publicKey(pair.publicKey().blob());
        assertEquals(pair.publicKey(), parsed);
        assertPublicEquals(m.publicKey(), SshKeyCodec.publicMaterial(parsed));
        PrivateKeyMaterial back = SshKeyCodec.privateMaterial(pair);
        assertPublicEquals(m.publicKey(), back.publicKey());
        // Re-encoding the decoded material gives the same private fields.
        assertArrayEquals(pair.privateFields().bytes(), SshKeyCodec.keyPair(type, back).privateFields().bytes());
    }

    static void assertPublicEquals(PublicKeyMaterial a, PublicKeyMaterial b) {
        switch (a) {
            case PublicKeyMaterial.Edwards x ->
                assertArrayEquals(x.encoded(), ((PublicKeyMaterial.Edwards) b).encoded());
            case PublicKeyMaterial.Ec x -> assertArrayEquals(x.point(), ((PublicKeyMaterial.Ec) b).point());
            default -> assertEquals(a, b);
        }
    }

    @Test
    void ed25519LayoutIsOpenSsh() {
        byte[] seed = new byte[32];
        byte[] pub = new byte[32];
        Arrays.fill(seed, (byte) 1);
        Arrays.fill(pub, (byte) 2);
        SshKeyPair pair = SshKeyCodec.keyPair("ssh-ed25519", new PrivateKeyMaterial.Edwards(Secret.copyOf(seed), pub));
        byte[] both = new byte[64];
        System.arraycopy(seed, 0, both, 0, 32);
        System.arraycopy(pub, 0, both, 32, 32);
        assertArrayEquals(new WireWriter().writeString(pub).writeString(both).toByteArray(),
                pair.privateFields().bytes());
        assertArrayEquals(new WireWriter().writeUtf8("ssh-ed25519").writeString(pub).toByteArray(),
                pair.publicKey().blob());
    }

    @Test
    void rsaLayoutIsOpenSsh() throws Exception {
        PrivateKeyMaterial.Rsa k = (PrivateKeyMaterial.Rsa) rsa(1024);
        SshKeyPair pair = SshKeyCodec.keyPair("ssh-rsa", k);
        byte[] expected = new WireWriter().writeMpint(k.modulus()).writeMpint(k.publicExponent())
                .writeMpint(k.privateExponent()).writeMpint(k.crtCoefficient()).writeMpint(k.p()).writeMpint(k.q())
                .toByteArray();
        assertArrayEquals(expected, pair.privateFields().bytes());
        assertArrayEquals(new WireWriter().writeUtf8("ssh-rsa").writeMpint(k.publicExponent()).writeMpint(k.modulus())
                .toByteArray(), pair.publicKey().blob());
    }

    @Test
    void refusesBadPublicKeys() throws Exception {
        byte[] ed = SshKeyCodec.keyPair("ssh-ed25519", edwards(32)).publicKey().blob();
        byte[] trailing = Arrays.copyOf(ed, ed.length + 1);
        assertThrows(WireFormatException.class, () -> SshKeyCodec.publicKey(trailing));
        assertThrows(WireFormatException.class, () -> SshKeyCodec.publicKey(Arrays.copyOf(ed, ed.length - 1)));
        assertThrows(WireFormatException.class, () -> SshKeyCodec.publicKey(
                new WireWriter().writeUtf8("ssh-foo").writeString(new byte[32]).toByteArray()));
        // ecdsa-sha2-nistp256 naming the nistp384 curve
        PrivateKeyMaterial.Ec p384 = (PrivateKeyMaterial.Ec) ec("secp384r1", 48);
        assertThrows(WireFormatException.class, () -> SshKeyCodec.publicKey(new WireWriter()
                .writeUtf8("ecdsa-sha2-nistp256").writeUtf8("nistp384").writeString(p384.point()).toByteArray()));
        // RSA under 1024 bits, and an even modulus
        PrivateKeyMaterial.Rsa small = (PrivateKeyMaterial.Rsa) rsa(768);
        byte[] smallBlob = new WireWriter().writeUtf8("ssh-rsa").writeMpint(small.publicExponent())
                .writeMpint(small.modulus()).toByteArray();
        assertThrows(SshProtocolException.class, () -> SshKeyCodec.publicKey(smallBlob));
        assertThrows(SshProtocolException.class,
                () -> SshKeyCodec.publicMaterial(new SshPublicKey("ssh-rsa", smallBlob)));
        assertThrows(SshProtocolException.class, () -> SshKeyCodec.publicKey(new WireWriter().writeUtf8("ssh-rsa")
                .writeMpint(BigInteger.valueOf(65537)).writeMpint(BigInteger.ONE.shiftLeft(2047)).toByteArray()));
        // type in the blob differs from the key's declared type
        assertThrows(WireFormatException.class, () -> SshKeyCodec.publicMaterial(new SshPublicKey("ssh-ed448", ed)));
    }

    @Test
    void refusesPrivateFieldsOfAnotherKey() throws Exception {
        SshKeyPair a = SshKeyCodec.keyPair("ssh-ed25519", edwards(32));
        SshKeyPair b = SshKeyCodec.keyPair("ssh-ed25519", edwards(32));
        assertThrows(WireFormatException.class, () -> SshKeyCodec.privateMaterial(
                new SshKeyPair(a.publicKey(), b.privateFields())));
        SshKeyPair r = SshKeyCodec.keyPair("ssh-rsa", rsa(1024));
        byte[] more = Arrays.copyOf(r.privateFields().bytes(), r.privateFields().length() + 3);
        assertThrows(WireFormatException.class, () -> SshKeyCodec.privateMaterial(
                new SshKeyPair(r.publicKey(), Secret.wrap(more))));
    }

    @Test
    void ecdsaSignatureBlobIsTwoMpints() {
        byte[] raw = new byte[64];
        raw[0] = (byte) 0x80; // r needs a sign byte
        raw[32 + 5] = 7;      // s has leading zeros
        byte[] blob = SshKeyCodec.signatureBlob("ecdsa-sha2-nistp256", raw);
        byte[] inner = new WireWriter().writeMpint(new BigInteger(1, Arrays.copyOf(raw, 32)))
                .writeMpint(new BigInteger(1, Arrays.copyOfRange(raw, 32, 64))).toByteArray();
        assertArrayEquals(new WireWriter().writeUtf8("ecdsa-sha2-nistp256").writeString(inner).toByteArray(), blob);
        assertArrayEquals(raw, raw(blob, null));
        assertEquals("ecdsa-sha2-nistp256", name(blob));
    }

    @Test
    void rsaSignatureIsLeftPadded() throws Exception {
        PrivateKeyMaterial.Rsa k = (PrivateKeyMaterial.Rsa) rsa(1024);
        byte[] shortSig = new byte[127];
        Arrays.fill(shortSig, (byte) 9);
        byte[] blob = SshKeyCodec.signatureBlob("rsa-sha2-256", shortSig);
        byte[] raw = raw(blob, k.publicKey());
        assertEquals(128, raw.length);
        assertEquals(0, raw[0]);
        byte[] tooLong = SshKeyCodec.signatureBlob("rsa-sha2-256", new byte[129]);
        assertThrows(WireFormatException.class, () -> SshKeyCodec.rawSignature(tooLong, k.publicKey()));
        byte[] ed = SshKeyCodec.signatureBlob("ssh-ed25519", new byte[64]);
        assertArrayEquals(new byte[64], raw(ed, null));
        byte[] dss = new WireWriter().writeUtf8("ssh-dss").writeString(new byte[39]).toByteArray();
        assertThrows(WireFormatException.class, () -> SshKeyCodec.rawSignature(dss, null));
    }

    static byte[] raw(byte[] blob, PublicKeyMaterial key) {
        try {
            return SshKeyCodec.rawSignature(blob, key);
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    static String name(byte[] blob) {
        try {
            return SshKeyCodec.signatureAlgorithm(blob);
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void knownEd25519BlobDecodes() throws Exception {
        // RFC 8709 layout of a key whose 32 bytes are 00..1f.
        byte[] blob = HexFormat.of().parseHex("0000000b7373682d65643235353139" + "00000020"
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        var m = (PublicKeyMaterial.Edwards) SshKeyCodec.publicMaterial(SshKeyCodec.publicKey(blob));
        assertEquals(31, m.encoded()[31]);
    }

    // ---- malformed input never escapes as an unchecked exception ----

    @Provide
    Arbitrary<byte[]> mangled() {
        return Arbitraries.of(validBlobs()).flatMap(valid -> Arbitraries.oneOf(
                Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n)),
                Arbitraries.integers().between(0, valid.length - 1).flatMap(i -> Arbitraries.integers().between(0, 255)
                        .map(v -> {
                            byte[] b = valid.clone();
                            b[i] = (byte) v.intValue();
                            return b;
                        })),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300)));
    }

    private static List<byte[]> validBlobs() {
        try {
            List<byte[]> blobs = new java.util.ArrayList<>();
            for (String type : TYPES) {
                SshKeyPair pair = SshKeyCodec.keyPair(type, material(type));
                blobs.add(pair.publicKey().blob());
                blobs.add(pair.privateFields().bytes());
            }
            blobs.add(SshKeyCodec.signatureBlob("ecdsa-sha2-nistp521", new byte[132]));
            blobs.add(SshKeyCodec.signatureBlob("ssh-ed25519", new byte[64]));
            blobs.add(SshKeyCodec.signatureBlob("rsa-sha2-512", new byte[256]));
            return blobs;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Property(tries = 600)
    void malformedBytesGiveTheCodecsException(@ForAll("mangled") byte[] bytes) throws Exception {
        PublicKeyMaterial rsaKey = rsaKey();
        for (ThrowingCall call : List.<ThrowingCall>of(
                () -> SshKeyCodec.publicKey(bytes),
                () -> SshKeyCodec.signatureAlgorithm(bytes),
                () -> SshKeyCodec.rawSignature(bytes, rsaKey),
                () -> SshKeyCodec.rawSignature(bytes, null),
                () -> SshKeyCodec.publicMaterial(new SshPublicKey("ssh-rsa", bytes)))) {
            try {
                call.run();
            } catch (SshProtocolException expected) {
                // fine: the codec's exception
            } catch (RuntimeException e) {
                throw new AssertionError("unchecked exception on " + HexFormat.of().formatHex(bytes), e);
            }
        }
        for (String type : TYPES) {
            SshPublicKey pub = SshKeyCodec.keyPair(type, fixedMaterial(type)).publicKey();
            try {
                SshKeyCodec.privateMaterial(new SshKeyPair(pub, Secret.copyOf(bytes)));
            } catch (SshProtocolException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("unchecked exception on private fields of " + type, e);
            }
        }
    }

    interface ThrowingCall {
        void run() throws SshException;
    }

    private final java.util.Map<String, PrivateKeyMaterial> fixedKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private PrivateKeyMaterial fixedMaterial(String type) {
        return fixedKeys.computeIfAbsent(type, t -> {
            try {
                return material(t);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    private PublicKeyMaterial rsaKey() {
        return fixedMaterial("ssh-rsa").publicKey();
    }

    @Test
    void encodingTheWrongMaterialIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> SshKeyCodec.encodePublic("ssh-rsa", new PublicKeyMaterial.Edwards(new byte[32])));
        assertThrows(IllegalArgumentException.class,
                () -> SshKeyCodec.encodePublic("ssh-ed25519", new PublicKeyMaterial.Edwards(new byte[31])));
        assertThrows(IllegalArgumentException.class, () -> SshKeyCodec.signatureBlob("ssh-ed25519", new byte[63]));
    }
}
