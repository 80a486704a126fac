package ssh.test.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static ssh.test.crypto.Providers.assumeSupports;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/** FIPS 180 / RFC 1321 digests and RFC 2202 / RFC 4231 HMACs against each provider. */
class HashKnownAnswerTest {
    static Stream<Arguments> digests() {
        return Vectors.withProviders("digests.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("digests")
    void digests(CryptoProvider provider, Vectors.Case c) throws Exception {
        Primitive p = Primitive.valueOf(c.text("algorithm"));
        assumeSupports(provider, p);
        DigestPrimitive d = provider.digest(p);
        byte[] msg = c.hex("message");
        // Twice on the same object: digest() must reset it.
        assertArrayEquals(c.hex("digest"), d.digest(msg));
        d.update(msg, 0, msg.length / 2);
        d.update(msg, msg.length / 2, msg.length - msg.length / 2);
        byte[] out = new byte[d.length()];
        d.digest(out, 0);
        assertArrayEquals(c.hex("digest"), out);
    }

    static Stream<Arguments> hmacs() {
        return Vectors.withProviders("hmac.txt");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hmacs")
    void hmacs(CryptoProvider provider, Vectors.Case c) throws Exception {
        Primitive p = Primitive.valueOf(c.text("algorithm"));
        assumeSupports(provider, p);
        MacPrimitive mac = provider.mac(p);
        mac.init(c.hex("key"));
        byte[] data = c.hex("data");
        byte[] out = new byte[mac.length()];
        for (int round = 0; round < 2; round++) {
            mac.update(data, 0, data.length);
            mac.doFinal(out, 0);
            byte[] expected = c.hex("mac");
            int n = c.has("truncate") ? Integer.parseInt(c.text("truncate")) : out.length;
            assertArrayEquals(Arrays.copyOf(expected, n), Arrays.copyOf(out, n));
        }
    }
}
