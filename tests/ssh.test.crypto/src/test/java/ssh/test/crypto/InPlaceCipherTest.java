package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * The packet layer encrypts and decrypts in place; a provider may take another route for that case
 * (the JCA one goes through a scratch array in chunks). Whatever the route, the stream of updates
 * in place must give exactly what the same updates into another array give, across chunk
 * boundaries and with the cipher's state running on from one update to the next.
 */
class InPlaceCipherTest {
    /** Update lengths around the JCA provider's 8 KiB chunk, and a packet-sized one. */
    private static final int[] LENGTHS = {16, 8192, 8208, 16384, 40960, 48, 8176, 32768 + 64, 8192 * 3 + 16};

    static Stream<Arguments> cases() {
        return Providers.all().stream().flatMap(p -> Stream.of(
                Arguments.of(p, Primitive.AES_CTR, 32, 16, true), Arguments.of(p, Primitive.AES_CTR, 16, 16, false),
                Arguments.of(p, Primitive.AES_CBC, 16, 16, true), Arguments.of(p, Primitive.AES_CBC, 32, 16, false),
                Arguments.of(p, Primitive.TRIPLE_DES_CBC, 24, 8, true),
                Arguments.of(p, Primitive.TRIPLE_DES_CBC, 24, 8, false)));
    }

    @ParameterizedTest(name = "{0} {1} key {2} encrypt={4}")
    @MethodSource("cases")
    void inPlaceMatchesSeparateOutput(CryptoProvider provider, Primitive primitive, int keyLength, int blockSize,
            boolean encrypt) throws Exception {
        Providers.assumeSupports(provider, primitive);
        Random random = new Random(primitive.ordinal() * 31L + keyLength);
        byte[] key = new byte[keyLength];
        byte[] iv = new byte[blockSize];
        random.nextBytes(key);
        random.nextBytes(iv);
        CipherPrimitive inPlace = provider.cipher(primitive);
        CipherPrimitive separate = provider.cipher(primitive);
        inPlace.init(encrypt, key, iv);
        separate.init(encrypt, key, iv);
        // CTR also takes lengths that are not a block multiple.
        int[] lengths = primitive == Primitive.AES_CTR
                ? Arrays.stream(LENGTHS).map(n -> n + 5).toArray() : LENGTHS;
        for (int len : lengths) {
            int off = 13;
            byte[] data = new byte[off + len + 7];
            random.nextBytes(data);
            byte[] expected = data.clone();
            separate.update(data, off, len, expected, off);
            inPlace.update(data, off, len, data, off);
            assertArrayEquals(expected, data, () -> primitive + " update of " + len + " bytes in place");
        }
    }

    static Stream<CryptoProvider> providers() {
        return Providers.all().stream();
    }

    /** AES-GCM opens in place too: a good tag gives the plaintext back, a bad one leaves the ciphertext untouched. */
    @ParameterizedTest
    @MethodSource("providers")
    void gcmOpensInPlaceAndReleasesNothingOnABadTag(CryptoProvider provider) throws Exception {
        Providers.assumeSupports(provider, Primitive.AES_GCM);
        AeadPrimitive gcm = provider.aead(Primitive.AES_GCM);
        gcm.init(new byte[16]);
        Random random = new Random(5);
        for (int len : new int[] {0, 5, 4096, 32768 + 12, 100}) {
            byte[] nonce = new byte[12];
            nonce[11] = (byte) len;
            byte[] aad = {0, 0, 1, 2};
            byte[] plain = new byte[9 + len + 16];
            random.nextBytes(plain);
            byte[] buf = plain.clone();
            gcm.seal(nonce, aad, 0, 4, buf, 9, len);
            byte[] sealed = buf.clone();
            gcm.open(nonce, aad, 0, 4, buf, 9, len);
            assertArrayEquals(Arrays.copyOfRange(plain, 0, 9 + len), Arrays.copyOfRange(buf, 0, 9 + len));
            byte[] bad = sealed.clone();
            bad[9 + len] ^= 1;
            byte[] before = bad.clone();
            assertThrows(SshMacException.class, () -> gcm.open(nonce, aad, 0, 4, bad, 9, len));
            assertArrayEquals(before, bad, () -> provider.name() + ": a bad tag changed the buffer, len " + len);
        }
    }
}
