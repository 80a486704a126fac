package ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.AeadPacketCipher;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CryptoProvider;

/** The AES-GCM packet layout of RFC 5647: the clear length as AAD, and the nonce's invocation counter. */
class GcmTest {
    static List<org.junit.jupiter.params.provider.Arguments> cases() {
        return Fixtures.cipherCases().stream()
                .filter(a -> ((CipherFactory) a.get()[0]).name().contains("gcm")).toList();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void theCounterCountsPacketsNotSequenceNumbersAndWraps(CipherFactory c, String chain) throws Exception {
        CryptoProvider crypto = Fixtures.chain(chain);
        Fixtures.assumeRuns(crypto, c);
        Random rnd = new Random(11);
        byte[] key = Fixtures.random(rnd, c.keyLength());
        // Fixed field, then an invocation counter two short of wrapping round.
        byte[] iv = HexFormat.of().parseHex("01020304" + "fffffffffffffffe");
        String[] counters = {"fffffffffffffffe", "ffffffffffffffff", "0000000000000000", "0000000000000001"};
        int[] seqs = {9, 9, 1000, -5};
        AeadPrimitive raw = crypto.aead(Primitive.AES_GCM);
        raw.init(key);
        try (AeadPacketCipher g = (AeadPacketCipher) c.create(true, key.clone(), iv.clone(), crypto)) {
            for (int i = 0; i < counters.length; i++) {
                int len = 4 + 16 * (i + 1);
                byte[] plain = Fixtures.packet(rnd, c, i + 1);
                byte[] buf = plain.clone();
                g.seal(seqs[i], buf, 0, len);
                assertArrayEquals(Arrays.copyOf(plain, 4), Arrays.copyOf(buf, 4), "the length travels in the clear");
                assertEquals(len - 4, g.packetLength(seqs[i], buf, 0));

                byte[] expected = plain.clone();
                byte[] nonce = HexFormat.of().parseHex("01020304" + counters[i]);
                raw.seal(nonce, expected, 0, 4, expected, 4, len - 4);
                assertArrayEquals(expected, buf, "packet " + i);
            }
        }
    }
}
