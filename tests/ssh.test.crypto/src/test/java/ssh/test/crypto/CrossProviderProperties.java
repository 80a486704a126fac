package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.DhPrimitive;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SignaturePrimitive;
import ssh.api.spi.CryptoProvider;

/**
 * What one provider encrypts, signs or agrees, the other decrypts, verifies and agrees identically;
 * a flipped bit in an AEAD tag or a signature is rejected by both.
 */
class CrossProviderProperties {
    private final CryptoProvider jca = Providers.jca();
    private final CryptoProvider bc = Providers.bc();

    private CryptoProvider first(boolean jcaFirst) {
        return jcaFirst ? jca : bc;
    }

    private CryptoProvider second(boolean jcaFirst) {
        return jcaFirst ? bc : jca;
    }

    private void assumeBoth(Primitive p) {
        assumeTrue(jca.supports(p) && bc.supports(p), p + " is not on both providers here");
    }

    @Provide
    Arbitrary<Primitive> blockModes() {
        return Arbitraries.of(Primitive.AES_CTR, Primitive.AES_CBC, Primitive.TRIPLE_DES_CBC, Primitive.BLOWFISH_CBC);
    }

    @Property(tries = 200)
    void blockModesAgree(@ForAll("blockModes") Primitive p, @ForAll @Size(min = 32, max = 32) byte[] keyBytes,
            @ForAll @Size(16) byte[] ivBytes, @ForAll @IntRange(min = 0, max = 40) int blocks,
            @ForAll @IntRange(min = 0, max = 2) int aesKeyChoice, @ForAll boolean jcaFirst) throws Exception {
        assumeBoth(p);
        int block = p == Primitive.AES_CTR || p == Primitive.AES_CBC ? 16 : 8;
        int keyLen = switch (p) {
            case TRIPLE_DES_CBC -> 24;
            case BLOWFISH_CBC -> 16;
            default -> 16 + 8 * aesKeyChoice;
        };
        byte[] key = Arrays.copyOf(keyBytes, keyLen);
        byte[] iv = Arrays.copyOf(ivBytes, block);
        byte[] pt = new byte[blocks * block];
        new java.util.Random(blocks).nextBytes(pt);

        CipherPrimitive enc = first(jcaFirst).cipher(p);
        enc.init(true, key, iv);
        byte[] ct = new byte[pt.length];
        enc.update(pt, 0, pt.length, ct, 0);
        CipherPrimitive otherEnc = second(jcaFirst).cipher(p);
        otherEnc.init(true, key, iv);
        byte[] ct2 = new byte[pt.length];
        otherEnc.update(pt, 0, pt.length, ct2, 0);
        assertArrayEquals(ct, ct2);

        CipherPrimitive dec = second(jcaFirst).cipher(p);
        dec.init(false, key, iv);
        dec.update(ct, 0, ct.length, ct, 0);
        assertArrayEquals(pt, ct);
    }

    @Property(tries = 200)
    void chacha20Agrees(@ForAll @Size(32) byte[] key, @ForAll @Size(8) byte[] nonce,
            @ForAll @IntRange(min = 0, max = 3) int counter, @ForAll @Size(max = 300) byte[] data) throws Exception {
        assumeBoth(Primitive.CHACHA20);
        byte[] a = new byte[data.length];
        byte[] b = new byte[data.length];
        var x = jca.chacha20();
        x.init(key);
        x.crypt(nonce, counter, data, 0, data.length, a, 0);
        var y = bc.chacha20();
        y.init(key);
        y.crypt(nonce, counter, data, 0, data.length, b, 0);
        assertArrayEquals(a, b);
    }

    @Property(tries = 500)
    void poly1305Agrees(@ForAll @Size(32) byte[] key, @ForAll @Size(max = 200) byte[] msg) throws Exception {
        assumeBoth(Primitive.POLY1305);
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        jca.poly1305().mac(key, 0, msg, 0, msg.length, a, 0);
        bc.poly1305().mac(key, 0, msg, 0, msg.length, b, 0);
        assertArrayEquals(b, a);
    }

    @Property(tries = 300)
    void poly1305AgreesOnExtremeKeysAndBlocks(@ForAll @IntRange(min = 0, max = 3) int keyKind,
            @ForAll @IntRange(min = 0, max = 3) int msgKind, @ForAll @IntRange(min = 0, max = 70) int len)
            throws Exception {
        // All-ones inputs push every limb and the final reduction to their limits.
        byte[] key = new byte[32];
        Arrays.fill(key, keyKind < 2 ? (byte) 0xff : 0);
        if (keyKind == 1 || keyKind == 3) {
            Arrays.fill(key, 16, 32, (byte) 0x00);
        }
        byte[] msg = new byte[len];
        Arrays.fill(msg, msgKind % 2 == 0 ? (byte) 0xff : (byte) 0x00);
        if (msgKind >= 2 && len > 0) {
            msg[len - 1] = (byte) 0xfb;
        }
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        jca.poly1305().mac(key, 0, msg, 0, msg.length, a, 0);
        bc.poly1305().mac(key, 0, msg, 0, msg.length, b, 0);
        assertArrayEquals(b, a);
    }

    @Property(tries = 200)
    void gcmAgreesAndRejectsFlippedBits(@ForAll boolean aes256, @ForAll @Size(32) byte[] keyBytes,
            @ForAll @Size(12) byte[] nonce, @ForAll @Size(max = 20) byte[] aad, @ForAll @Size(max = 200) byte[] pt,
            @ForAll @IntRange(min = 0, max = 1000) int flip, @ForAll boolean jcaFirst) throws Exception {
        assumeBoth(Primitive.AES_GCM);
        byte[] key = Arrays.copyOf(keyBytes, aes256 ? 32 : 16);
        byte[] buf = Arrays.copyOf(pt, pt.length + 16);
        AeadPrimitive seal = first(jcaFirst).aead(Primitive.AES_GCM);
        seal.init(key);
        seal.seal(nonce, aad, 0, aad.length, buf, 0, pt.length);

        AeadPrimitive open = second(jcaFirst).aead(Primitive.AES_GCM);
        open.init(key);
        byte[] copy = buf.clone();
        open.open(nonce, aad, 0, aad.length, copy, 0, pt.length);
        assertArrayEquals(pt, Arrays.copyOf(copy, pt.length));

        int bit = flip % (buf.length * 8);
        buf[bit / 8] ^= (byte) (1 << (bit % 8));
        for (CryptoProvider p : Providers.all()) {
            AeadPrimitive o = p.aead(Primitive.AES_GCM);
            o.init(key);
            assertThrows(SshMacException.class, () -> o.open(nonce, aad, 0, aad.length, buf, 0, pt.length),
                    p.name() + " accepted a flipped bit");
        }
    }

    @Provide
    Arbitrary<Primitive> hashes() {
        return Arbitraries.of(Primitive.MD5, Primitive.SHA1, Primitive.SHA256, Primitive.SHA384, Primitive.SHA512,
                Primitive.HMAC_MD5, Primitive.HMAC_SHA1, Primitive.HMAC_SHA256, Primitive.HMAC_SHA384,
                Primitive.HMAC_SHA512);
    }

    @Property(tries = 300)
    void digestsAndHmacsAgree(@ForAll("hashes") Primitive p, @ForAll @Size(min = 1, max = 200) byte[] key,
            @ForAll @Size(max = 300) byte[] data) throws Exception {
        assumeBoth(p);
        if (p.kind() == Primitive.Kind.DIGEST) {
            assertArrayEquals(jca.digest(p).digest(data), bc.digest(p).digest(data));
            return;
        }
        byte[][] out = new byte[2][];
        int i = 0;
        for (CryptoProvider provider : Providers.all()) {
            MacPrimitive m = provider.mac(p);
            m.init(key);
            m.update(data, 0, data.length);
            out[i] = new byte[m.length()];
            m.doFinal(out[i++], 0);
        }
        assertArrayEquals(out[0], out[1]);
    }

    @Provide
    Arbitrary<Primitive> curves() {
        return Arbitraries.of(Primitive.X25519, Primitive.X448, Primitive.ECDH_P256, Primitive.ECDH_P384,
                Primitive.ECDH_P521);
    }

    @Property(tries = 40)
    void keyAgreementAgrees(@ForAll("curves") Primitive p, @ForAll boolean jcaFirst) throws Exception {
        assumeBoth(p);
        KeyAgreementPrimitive a = first(jcaFirst).keyAgreement(p);
        KeyAgreementPrimitive b = second(jcaFirst).keyAgreement(p);
        byte[] pa = a.generateKeyPair();
        byte[] pb = b.generateKeyPair();
        try (Secret sa = a.agree(pb); Secret sb = b.agree(pa)) {
            assertArrayEquals(sa.bytes(), sb.bytes());
        }
    }

    @Property(tries = 10)
    void dhAgrees(@ForAll boolean jcaFirst) throws Exception {
        assumeBoth(Primitive.DH);
        DhPrimitive a = first(jcaFirst).dh(TestGroups.P14, TestGroups.G);
        DhPrimitive b = second(jcaFirst).dh(TestGroups.P14, TestGroups.G);
        BigInteger ea = a.generateKeyPair(512);
        BigInteger eb = b.generateKeyPair(512);
        try (Secret sa = a.agree(eb); Secret sb = b.agree(ea)) {
            assertArrayEquals(sa.bytes(), sb.bytes());
            assertTrue(sa.bytes()[0] != 0, "no leading zero byte");
        }
    }

    @Provide
    Arbitrary<Primitive> kems() {
        return Arbitraries.of(Primitive.ML_KEM_768, Primitive.ML_KEM_1024, Primitive.SNTRUP761);
    }

    @Property(tries = 30)
    void kemsAgree(@ForAll("kems") Primitive p, @ForAll boolean jcaFirst) throws Exception {
        CryptoProvider client = first(jcaFirst).supports(p) ? first(jcaFirst) : second(jcaFirst);
        CryptoProvider server = second(jcaFirst).supports(p) ? second(jcaFirst) : first(jcaFirst);
        assumeTrue(client.supports(p) && server.supports(p));
        KemPrimitive c = client.kem(p);
        byte[] pk = c.generateKeyPair();
        KemPrimitive.Encapsulation e = server.kem(p).encapsulate(pk);
        try (Secret got = c.decapsulate(e.ciphertext())) {
            assertArrayEquals(e.secret().bytes(), got.bytes());
        }
    }

    @Provide
    Arbitrary<Primitive> signatures() {
        return Arbitraries.of(Primitive.ED25519, Primitive.ED448, Primitive.ECDSA_P256, Primitive.ECDSA_P384,
                Primitive.ECDSA_P521, Primitive.RSA_SHA256, Primitive.RSA_SHA512, Primitive.RSA_SHA1, Primitive.DSA);
    }

    @Property(tries = 40)
    void signaturesVerifyAcrossProvidersAndFlippedBitsFail(@ForAll("signatures") Primitive p,
            @ForAll boolean jcaFirst, @ForAll @Size(max = 100) byte[] data, @ForAll @IntRange(min = 0) int flip)
            throws Exception {
        assumeBoth(p);
        PrivateKeyMaterial key = first(jcaFirst).generateKeyPair(p, 2048);
        SignaturePrimitive signer = first(jcaFirst).signature(p);
        byte[] sig = signer.sign(key, data);
        assertTrue(second(jcaFirst).signature(p).verify(key.publicKey(), data, sig), "other provider verifies");
        assertTrue(signer.verify(key.publicKey(), data, sig), "same provider verifies");
        if (p == Primitive.ED25519 || p == Primitive.ED448 || p.name().startsWith("RSA")) {
            // Deterministic schemes: both providers produce the very same bytes.
            assertArrayEquals(sig, second(jcaFirst).signature(p).sign(key, data));
        }
        int bit = flip % (sig.length * 8);
        sig[bit / 8] ^= (byte) (1 << (bit % 8));
        for (CryptoProvider provider : Providers.all()) {
            assertFalse(provider.signature(p).verify(key.publicKey(), data, sig), provider.name()
                    + " accepted a signature with bit " + bit + " flipped");
        }
    }
}
