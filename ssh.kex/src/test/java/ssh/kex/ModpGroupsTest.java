package ssh.kex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The MODP groups computed from pi match RFC 2409 / RFC 3526: their first and last 128 bits as the
 * RFCs print them, and each is a safe prime.
 */
class ModpGroupsTest {
    private static final String TOP = "FFFFFFFFFFFFFFFFC90FDAA22168C234";

    static BigInteger group(int bits) {
        return switch (bits) {
            case 1024 -> ModpGroups.GROUP1;
            case 2048 -> ModpGroups.GROUP14;
            case 3072 -> ModpGroups.GROUP15;
            case 4096 -> ModpGroups.GROUP16;
            case 6144 -> ModpGroups.GROUP17;
            default -> ModpGroups.GROUP18;
        };
    }

    @ParameterizedTest(name = "{0}-bit group")
    @CsvSource({
        "1024, 49286651ECE65381FFFFFFFFFFFFFFFF",
        "2048, 15728E5A8AACAA68FFFFFFFFFFFFFFFF",
        "3072, 4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
        "4096, 4DF435C934063199FFFFFFFFFFFFFFFF",
        "6144, E694F91E6DCC4024FFFFFFFFFFFFFFFF",
        "8192, 60C980DD98EDD3DFFFFFFFFFFFFFFFFF",
    })
    void matchesTheRfcText(int bits, String last128) {
        BigInteger p = group(bits);
        assertEquals(bits, p.bitLength());
        String hex = HexFormat.of().withUpperCase().formatHex(fixed(p, bits / 8));
        assertEquals(TOP, hex.substring(0, 32));
        assertEquals(last128, hex.substring(hex.length() - 32));
    }

    @ParameterizedTest(name = "{0}-bit group")
    @CsvSource({"1024", "2048", "3072", "4096", "6144", "8192"})
    void isASafePrime(int bits) {
        BigInteger p = group(bits);
        BigInteger q = p.subtract(BigInteger.ONE).shiftRight(1);
        assertTrue(q.isProbablePrime(2), "(p-1)/2 is prime");
        assertTrue(p.isProbablePrime(2), "p is prime");
    }

    @Test
    void group14IsExactlyTheRfc3526Value() {
        BigInteger rfc = new BigInteger(
                "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
                + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
                + "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
                + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
                + "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16);
        assertEquals(rfc, ModpGroups.GROUP14);
    }

    @Test
    void groupExchangeChoosesAsRfc4419Says() {
        assertEquals(ModpGroups.GROUP16, DhGexKex.choose(2048, 4096, 8192));
        assertEquals(ModpGroups.GROUP15, DhGexKex.choose(2048, 3000, 8192));
        assertEquals(ModpGroups.GROUP14, DhGexKex.choose(2048, 2048, 2048));
        assertEquals(ModpGroups.GROUP15, DhGexKex.choose(2048, 8192, 4000));
        assertEquals(null, DhGexKex.choose(2049, 3000, 3071));
    }

    private static byte[] fixed(BigInteger v, int n) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[n];
        System.arraycopy(b, b.length - n, out, 0, n);
        return out;
    }
}
