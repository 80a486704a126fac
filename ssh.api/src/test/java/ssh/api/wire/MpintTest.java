package ssh.api.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mpint examples of RFC 4251 section 5, byte for byte. */
class MpintTest {
    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "0, 00000000",
        "9a378f9b2e332a7, 0000000809a378f9b2e332a7",
        "80, 000000020080",
        "-1234, 00000002edcc",
        "-deadbeef, 00000005ff21524111",
    })
    void rfc4251Examples(String hexValue, String hexEncoding) throws Exception {
        BigInteger value = new BigInteger(hexValue, 16);
        byte[] expected = HexFormat.of().parseHex(hexEncoding);

        byte[] encoded = new WireWriter().writeMpint(value).toByteArray();
        assertArrayEquals(expected, encoded);

        WireReader reader = new WireReader(expected);
        assertEquals(value, reader.readMpint("value"));
        reader.requireEnd("value");
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({
        "00000001 00, empty string",
        "00000002 0001, unnecessary leading byte",
        "00000002 ffff, unnecessary leading byte",
        "00000003 000080, unnecessary leading byte",
    })
    void nonMinimalEncodingsAreRefused(String hex, String problem) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        WireFormatException e = assertThrows(WireFormatException.class, () -> new WireReader(bytes).readMpint("e"));
        assertEquals("e", e.field());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void magnitudeOverTheLimitIsRefusedBeforeDecoding() {
        byte[] big = new byte[4 + 2050];
        big[2] = 0x08;
        big[3] = 0x02; // length 2050: more than 16384 bits + sign byte
        big[4] = 0x7F;
        WireFormatException e = assertThrows(WireFormatException.class, () -> new WireReader(big).readMpint("f"));
        assertTrue(e.getMessage().contains("limit of 2049"), e.getMessage());
    }

    @Test
    void unsignedMagnitudeIsEncodedAsAPositiveMpint() throws Exception {
        byte[] magnitude = HexFormat.of().parseHex("0000ff01");
        byte[] encoded = new WireWriter().writeMpintUnsigned(magnitude, 0, magnitude.length).toByteArray();
        assertArrayEquals(HexFormat.of().parseHex("0000000300ff01"), encoded);
        assertEquals(new BigInteger("ff01", 16), new WireReader(encoded).readMpint("k"));
        byte[] zero = new WireWriter().writeMpintUnsigned(new byte[4], 0, 4).toByteArray();
        assertArrayEquals(new byte[4], zero);
    }
}
