package ssh.kex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.algorithms.PublicKeyNames;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * Every public-key algorithm signs and verifies on every provider chain, and each chain verifies
 * what the others signed. Blobs naming another algorithm are invalid (false); malformed blobs,
 * mismatched key types and RSA keys under 1024 bits are exceptions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignatureAlgorithmTest {
    private static final byte[] DATA = "the exchange hash, or a user-auth request".getBytes(StandardCharsets.UTF_8);
    private final Map<String, SshKeyPair> keys = new ConcurrentHashMap<>();

    static Stream<Arguments> algorithmsAndChains() {
        List<Arguments> args = new ArrayList<>();
        for (String chain : TestKeys.CHAINS) {
            for (PublicKeyAlgorithmFactory alg : TestKeys.publicKeyAlgorithms()) {
                args.add(Arguments.of(alg.name(), chain));
            }
        }
        return args.stream();
    }

    SshKeyPair key(PublicKeyAlgorithmFactory alg, String chain) {
        return keys.computeIfAbsent(chain + "/" + alg.keyType(), k -> {
            try {
                return TestKeys.generate(alg, TestKeys.chain(chain), 2048);
            } catch (SshException e) {
                throw new AssertionError(e);
            }
        });
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("algorithmsAndChains")
    void signsAndVerifiesAcrossProviders(String name, String chain) throws Exception {
        PublicKeyAlgorithmFactory alg = TestKeys.publicKeyAlgorithm(name);
        CryptoProvider crypto = TestKeys.chain(chain);
        SshKeyPair key = key(alg, chain);
        byte[] blob = alg.sign(key, DATA, crypto);
        WireReader r = new WireReader(blob);
        assertEquals(name, r.readUtf8("name"));
        for (String other : TestKeys.CHAINS) {
            CryptoProvider verifier = TestKeys.chain(other);
            assertTrue(alg.verify(key.publicKey(), DATA, blob, verifier), "verified on " + other);
            byte[] tampered = DATA.clone();
            tampered[0] ^= 1;
            assertFalse(alg.verify(key.publicKey(), tampered, blob, verifier), "tampered data on " + other);
        }
        byte[] flipped = blob.clone();
        flipped[flipped.length - 1] ^= 1;
        if (!name.startsWith("ecdsa")) { // the last byte of an ECDSA blob is inside an mpint: still well formed
            assertFalse(alg.verify(key.publicKey(), DATA, flipped, crypto), "flipped signature bit");
        }
    }

    @Test
    void blobNamingAnotherAlgorithmIsInvalid() throws Exception {
        CryptoProvider crypto = TestKeys.chain("jca,bc");
        PublicKeyAlgorithmFactory rsa256 = TestKeys.publicKeyAlgorithm(PublicKeyNames.RSA_SHA2_256);
        PublicKeyAlgorithmFactory rsa512 = TestKeys.publicKeyAlgorithm(PublicKeyNames.RSA_SHA2_512);
        PublicKeyAlgorithmFactory sshRsa = TestKeys.publicKeyAlgorithm(PublicKeyNames.SSH_RSA);
        SshKeyPair key = key(rsa256, "jca,bc");
        byte[] blob = rsa256.sign(key, DATA, crypto);
        assertFalse(rsa512.verify(key.publicKey(), DATA, blob, crypto));
        assertFalse(sshRsa.verify(key.publicKey(), DATA, blob, crypto));
        assertTrue(rsa256.verify(key.publicKey(), DATA, blob, crypto));
        // an Ed25519 signature relabelled as another name
        PublicKeyAlgorithmFactory ed = TestKeys.publicKeyAlgorithm(PublicKeyNames.SSH_ED25519);
        SshKeyPair edKey = key(ed, "jca,bc");
        byte[] sig = inner(ed.sign(edKey, DATA, crypto));
        assertFalse(ed.verify(edKey.publicKey(), DATA,
                new WireWriter().writeUtf8("ssh-ed448").writeString(sig).toByteArray(), crypto));
    }

    @Test
    void malformedBlobsAndWrongKeysAreExceptions() throws Exception {
        CryptoProvider crypto = TestKeys.chain("jca,bc");
        PublicKeyAlgorithmFactory ed = TestKeys.publicKeyAlgorithm(PublicKeyNames.SSH_ED25519);
        SshKeyPair edKey = key(ed, "jca,bc");
        byte[] blob = ed.sign(edKey, DATA, crypto);
        assertThrows(SshProtocolException.class,
                () -> ed.verify(edKey.publicKey(), DATA, Arrays.copyOf(blob, blob.length - 1), crypto));
        assertThrows(SshProtocolException.class,
                () -> ed.verify(edKey.publicKey(), DATA, Arrays.copyOf(blob, blob.length + 1), crypto));
        assertThrows(SshProtocolException.class, () -> ed.verify(edKey.publicKey(), DATA,
                new WireWriter().writeUtf8("ssh-ed25519").writeString(new byte[63]).toByteArray(), crypto));
        PublicKeyAlgorithmFactory ecdsa = TestKeys.publicKeyAlgorithm(PublicKeyNames.ECDSA_SHA2_NISTP256);
        SshKeyPair ecKey = key(ecdsa, "jca,bc");
        assertThrows(SshProtocolException.class, () -> ecdsa.verify(ecKey.publicKey(), DATA,
                new WireWriter().writeUtf8("ecdsa-sha2-nistp256").writeString(new WireWriter()
                        .writeMpint(BigInteger.ONE.negate()).writeMpint(BigInteger.ONE).toByteArray()).toByteArray(),
                crypto));
        // key type does not fit the algorithm
        assertThrows(SshProtocolException.class, () -> ecdsa.verify(edKey.publicKey(), DATA, blob, crypto));
        assertThrows(SshProtocolException.class, () -> ecdsa.sign(edKey, DATA, crypto));
    }

    @Test
    void rsaKeysUnder1024BitsAreRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(768);
        RSAPublicKey k = (RSAPublicKey) g.generateKeyPair().getPublic();
        SshPublicKey small = new SshPublicKey("ssh-rsa", new WireWriter().writeUtf8("ssh-rsa")
                .writeMpint(k.getPublicExponent()).writeMpint(k.getModulus()).toByteArray());
        byte[] blob = new WireWriter().writeUtf8("rsa-sha2-256").writeString(new byte[96]).toByteArray();
        for (String chain : TestKeys.CHAINS) {
            assertThrows(SshProtocolException.class, () -> TestKeys.publicKeyAlgorithm(PublicKeyNames.RSA_SHA2_256)
                    .verify(small, DATA, blob, TestKeys.chain(chain)));
        }
    }

    @Test
    void rsaSignatureWithoutItsLeadingZeroVerifies() throws Exception {
        PublicKeyAlgorithmFactory alg = TestKeys.publicKeyAlgorithm(PublicKeyNames.RSA_SHA2_512);
        CryptoProvider crypto = TestKeys.chain("bc");
        SshKeyPair key = TestKeys.generate(alg, crypto, 1024);
        for (int i = 0; i < 5000; i++) {
            byte[] data = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] sig = inner(alg.sign(key, data, crypto));
            if (sig[0] == 0) {
                byte[] stripped = new WireWriter().writeUtf8(alg.name()).writeString(sig, 1, sig.length - 1)
                        .toByteArray();
                for (String chain : TestKeys.CHAINS) {
                    assertTrue(alg.verify(key.publicKey(), data, stripped, TestKeys.chain(chain)), chain);
                }
                return;
            }
        }
        throw new AssertionError("no signature with a leading zero byte in 5000 tries");
    }

    /** The signature inside a blob, after its name. */
    static byte[] inner(byte[] blob) throws SshException {
        WireReader r = new WireReader(blob);
        r.readString("name");
        return r.readString("signature");
    }

    @Test
    void everySupportedNameIsImplemented() {
        assertEquals(PublicKeyNames.SUPPORTED,
                TestKeys.publicKeyAlgorithms().stream().map(PublicKeyAlgorithmFactory::name).toList());
    }
}
