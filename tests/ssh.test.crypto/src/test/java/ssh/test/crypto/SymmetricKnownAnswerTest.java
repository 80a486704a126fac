package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static ssh.test.crypto.Providers.assumeSupports;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/** Published vectors for every symmetric primitive, run against each provider. */
class SymmetricKnownAnswerTest {

    static Stream<Arguments> blockModes() {
        return Stream.of(
                Vectors.withProviders("aes-ctr.txt").map(a -> with(a, Primitive.AES_CTR)),
                Vectors.withProviders("aes-cbc.txt").map(a -> with(a, Primitive.AES_CBC)),
                Vectors.withProviders("tdes-cbc.txt").map(a -> with(a, Primitive.TRIPLE_DES_CBC)),
                Vectors.withProviders("blowfish-cbc.txt").map(a -> with(a, Primitive.BLOWFISH_CBC)))
                .flatMap(s -> s);
    }

    private static Arguments with(Arguments a, Primitive p) {
        return Arguments.of(a.get()[0], a.get()[1], p);
    }

    @ParameterizedTest(name = "{0} {2} {1}")
    @MethodSource("blockModes")
    void blockCipherModes(CryptoProvider provider, Vectors.Case c, Primitive primitive) throws Exception {
        assumeSupports(provider, primitive);
        byte[] pt = c.hex("plaintext");
        byte[] expected = c.hex("ciphertext");

        CipherPrimitive enc = provider.cipher(primitive);
        enc.init(true, c.hex("key"), c.hex("iv"));
        // Split the work across two calls at a block boundary: state must run on between them.
        int half = pt.length / enc.blockSize() / 2 * enc.blockSize();
        byte[] ct = new byte[pt.length];
        enc.update(pt, 0, half, ct, 0);
        enc.update(pt, half, pt.length - half, ct, half);
        assertArrayEquals(expected, ct);

        CipherPrimitive dec = provider.cipher(primitive);
        dec.init(false, c.hex("key"), c.hex("iv"));
        byte[] inPlace = ct.clone();
        dec.update(inPlace, 0, inPlace.length, inPlace, 0);
        assertArrayEquals(pt, inPlace);
    }

    static Stream<Arguments> chacha20() {
        return Vectors.withProviders("chacha20.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("chacha20")
    void chacha20Rfc8439(CryptoProvider provider, Vectors.Case c) throws Exception {
        assumeSupports(provider, Primitive.CHACHA20);
        byte[] nonce12 = c.hex("nonce");
        // RFC 8439's 96-bit nonce is the 64-bit layout with the counter's high word in its first 4 bytes.
        long high = (nonce12[0] & 0xffL) | (nonce12[1] & 0xffL) << 8 | (nonce12[2] & 0xffL) << 16
                | (nonce12[3] & 0xffL) << 24;
        long counter = high << 32 | Long.parseLong(c.text("counter"));
        ChaCha20Primitive chacha = provider.chacha20();
        chacha.init(c.hex("key"));
        byte[] pt = c.hex("plaintext");
        byte[] out = new byte[pt.length];
        chacha.crypt(Arrays.copyOfRange(nonce12, 4, 12), counter, pt, 0, pt.length, out, 0);
        assertArrayEquals(c.hex("ciphertext"), out);
    }

    static Stream<Arguments> poly1305() {
        return Vectors.withProviders("poly1305.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("poly1305")
    void poly1305Rfc8439(CryptoProvider provider, Vectors.Case c) throws Exception {
        assumeSupports(provider, Primitive.POLY1305);
        byte[] msg = c.hex("message");
        byte[] tag = new byte[16];
        provider.poly1305().mac(c.hex("key"), 0, msg, 0, msg.length, tag, 0);
        assertArrayEquals(c.hex("tag"), tag);
    }

    static Stream<Arguments> gcm() {
        return Vectors.withProviders("aes-gcm.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("gcm")
    void aesGcm(CryptoProvider provider, Vectors.Case c) throws Exception {
        assumeSupports(provider, Primitive.AES_GCM);
        byte[] pt = c.hex("plaintext");
        byte[] aad = c.hex("aad");
        byte[] buf = Arrays.copyOf(pt, pt.length + 16);
        AeadPrimitive gcm = provider.aead(Primitive.AES_GCM);
        gcm.init(c.hex("key"));
        gcm.seal(c.hex("iv"), aad, 0, aad.length, buf, 0, pt.length);
        byte[] expected = Arrays.copyOf(c.hex("ciphertext"), pt.length + 16);
        System.arraycopy(c.hex("tag"), 0, expected, pt.length, 16);
        assertArrayEquals(expected, buf);

        AeadPrimitive open = provider.aead(Primitive.AES_GCM);
        open.init(c.hex("key"));
        byte[] copy = buf.clone();
        open.open(c.hex("iv"), aad, 0, aad.length, copy, 0, pt.length);
        assertArrayEquals(pt, Arrays.copyOf(copy, pt.length));

        buf[buf.length - 1] ^= 1;
        assertThrows(SshMacException.class, () -> open.open(c.hex("iv"), aad, 0, aad.length, buf, 0, pt.length));
    }
}
