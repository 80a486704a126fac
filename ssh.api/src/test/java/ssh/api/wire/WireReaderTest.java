package ssh.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error messages name the field and the limit; specific encodings decode as the RFC says. */
class WireReaderTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void stringLongerThanWhatIsLeftNamesFieldAndCount() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new WireReader(hex("00000010 6162")).readString("host key"));
        assertEquals("bad host key: length 16 exceeds the 2 bytes left", e.getMessage());
        assertEquals(ssh.api.wire.DisconnectReason.PROTOCOL_ERROR, e.reasonCode());
    }

    @Test
    void missingFixedBytesNameTheField() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new WireReader(hex("0000")).readUint32("recipient channel"));
        assertEquals("bad recipient channel: needs 4 bytes but 2 are left", e.getMessage());
    }

    @Test
    void nameListExamplesFromRfc4251() throws Exception {
        assertEquals(List.of(), new WireReader(hex("00000000")).readNameList("l"));
        assertEquals(List.of("zlib"), new WireReader(hex("00000004 7a6c6962")).readNameList("l"));
        assertEquals(List.of("zlib", "none"), new WireReader(hex("00000009 7a6c69622c6e6f6e65")).readNameList("l"));
    }

    @Test
    void nameLongerThan64CharactersIsRefused() {
        byte[] enc = new WireWriter().writeString("a".repeat(65).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .toByteArray();
        WireFormatException e = assertThrows(WireFormatException.class, () -> new WireReader(enc).readNameList("macs"));
        assertTrue(e.getMessage().contains("limit of 64"), e.getMessage());
    }

    @Test
    void malformedUtf8IsRefused() {
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new WireReader(hex("00000002 c328")).readUtf8("description"));
        assertEquals("bad description: not valid UTF-8", e.getMessage());
    }

    @Test
    void nonZeroBooleanIsTrue() throws Exception {
        assertTrue(new WireReader(hex("07")).readBoolean("want reply"));
    }

    @Test
    void trailingBytesAreReported() throws Exception {
        WireReader r = new WireReader(hex("01 02"));
        r.readByte("b");
        WireFormatException e = assertThrows(WireFormatException.class, () -> r.requireEnd("SSH_MSG_IGNORE"));
        assertEquals("bad SSH_MSG_IGNORE: 1 unexpected trailing bytes", e.getMessage());
    }

    @Test
    void viewReadsAWindowOfTheArrayWithoutCopying() throws Exception {
        byte[] data = hex("ff 00000003 616263 ff");
        WireReader r = new WireReader(data, 1, 7);
        ByteSlice s = r.readStringView("data");
        assertEquals(5, s.offset());
        assertEquals(3, s.length());
        assertEquals(data, s.array());
        assertEquals(0, r.remaining());
    }

    @Test
    void writerRefusesInvalidNames() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new WireWriter().writeNameList(List.of("a,b")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new WireWriter().writeNameList(List.of("")));
    }
}
