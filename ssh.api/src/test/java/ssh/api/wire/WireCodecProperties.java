package ssh.api.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the wire codec for every RFC 4251 type: what the writer encodes the reader decodes
 * unchanged, and every truncation or random byte string ends in {@link WireFormatException}, never
 * an unchecked exception or an allocation sized by the hostile length.
 */
class WireCodecProperties {

    /** One field of each type, read back in order. */
    record Message(int b, boolean flag, int u32, long u64, byte[] blob, String text, BigInteger mpint,
            List<String> names) {
        void write(WireWriter w) {
            w.writeByte(b).writeBoolean(flag).writeUint32(u32).writeUint64(u64).writeString(blob)
                    .writeUtf8(text).writeMpint(mpint).writeNameList(names);
        }

        static Message read(WireReader r) throws WireFormatException {
            return new Message(r.readByte("b"), r.readBoolean("flag"), r.readUint32("u32"), r.readUint64("u64"),
                    r.readString("blob"), r.readUtf8("text"), r.readMpint("mpint"), r.readNameList("names"));
        }
    }

    @Provide
    Arbitrary<String> unicode() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .list().ofMaxSize(40)
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    @Provide
    Arbitrary<String> sshName() {
        return Arbitraries.strings().withCharRange('!', '~').excludeChars(',').ofMinLength(1).ofMaxLength(64);
    }

    @Provide
    Arbitrary<List<String>> nameList() {
        return sshName().list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<BigInteger> mpint() {
        BigInteger bound = BigInteger.ONE.shiftLeft(4096);
        return Arbitraries.bigIntegers().between(bound.negate(), bound);
    }

    @Provide
    Arbitrary<Message> message() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.of(true, false),
                Arbitraries.integers(), Arbitraries.longs(), Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                unicode(), mpint(), nameList()).as(Message::new);
    }

    @Property
    void everyTypeRoundTrips(@ForAll("message") Message m) throws Exception {
        WireWriter w = new WireWriter(8);
        m.write(w);
        WireReader r = new WireReader(w.array(), 0, w.length());
        Message back = Message.read(r);
        r.requireEnd("message");
        assertEquals(m.b(), back.b());
        assertEquals(m.flag(), back.flag());
        assertEquals(m.u32(), back.u32());
        assertEquals(m.u64(), back.u64());
        assertArrayEquals(m.blob(), back.blob());
        assertEquals(m.text(), back.text());
        assertEquals(m.mpint(), back.mpint());
        assertEquals(m.names(), back.names());
    }

    @Property
    void uint32AsLongIsUnsigned(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long value) throws Exception {
        byte[] enc = new WireWriter().writeUint32(value).toByteArray();
        assertEquals(value, new WireReader(enc).readUint32AsLong("v"));
    }

    @Property
    void mpintRoundTripsAtTheLimit(@ForAll @IntRange(min = 16370, max = 16384) int bits, @ForAll boolean negative)
            throws Exception {
        BigInteger v = BigInteger.ONE.shiftLeft(bits - 1);
        v = negative ? v.negate() : v;
        assertEquals(v, new WireReader(new WireWriter().writeMpint(v).toByteArray()).readMpint("v"));
    }

    @Property
    void everyTruncationFailsWithTheCodecsOwnException(@ForAll("message") Message m) {
        WireWriter w = new WireWriter();
        m.write(w);
        byte[] full = w.toByteArray();
        for (int cut = 0; cut < full.length; cut++) {
            byte[] prefix = Arrays.copyOf(full, cut);
            assertThrows(WireFormatException.class, () -> Message.read(new WireReader(prefix)),
                    "prefix of " + cut + " of " + full.length + " bytes");
        }
    }

    @Property(tries = 2000)
    void randomBytesGiveAValueOrTheCodecsOwnException(@ForAll @Size(max = 64) byte[] data,
            @ForAll @IntRange(min = 0, max = 9) int type) {
        WireReader r = new WireReader(data);
        try {
            switch (type) {
                case 0 -> r.readByte("f");
                case 1 -> r.readBoolean("f");
                case 2 -> r.readUint32("f");
                case 3 -> r.readUint64("f");
                case 4 -> r.readString("f");
                case 5 -> r.readUtf8("f");
                case 6 -> r.readMpint("f");
                case 7 -> r.readNameList("f");
                case 8 -> r.readStringView("f");
                default -> Message.read(r);
            }
        } catch (WireFormatException expected) {
            assertEquals("f".length() > 0, expected.getMessage().startsWith("bad "));
        }
    }

    @Property
    void nameListsWithEmptyOrNonAsciiNamesAreRefused(@ForAll("nameList") List<String> names,
            @ForAll @IntRange(min = 0, max = 3) int damage) {
        String joined = String.join(",", names);
        String bad = switch (damage) {
            case 0 -> joined + ",";
            case 1 -> "," + joined;
            case 2 -> joined + ",,x";
            default -> joined + "a b";
        };
        byte[] enc = new WireWriter().writeString(bad.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .toByteArray();
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new WireReader(enc).readNameList("kex_algorithms"));
        assertEquals("kex_algorithms", e.field());
    }

    @Property
    void lengthsOf2To31OrMoreAreRefusedBeforeAllocating(
            @ForAll @LongRange(min = 0x8000_0000L, max = 0xFFFF_FFFFL) long length,
            @ForAll @IntRange(min = 4, max = 8) int type) {
        byte[] data = new WireWriter().writeUint32(length).writeBytes(new byte[16]).toByteArray();
        // The reader's own cap is as large as Java allows: only the checks stand between the
        // length field and an attempt to allocate it.
        WireReader r = new WireReader(data, 0, data.length, Integer.MAX_VALUE);
        WireFormatException e = assertThrows(WireFormatException.class, () -> {
            switch (type) {
                case 4 -> r.readString("signature");
                case 5 -> r.readUtf8("signature");
                case 6 -> r.readMpint("signature");
                case 7 -> r.readNameList("signature");
                default -> r.readStringView("signature");
            }
        });
        assertTrue(e.getMessage().contains("signature") && e.getMessage().contains(Long.toString(length)),
                e.getMessage());
    }

    @Property
    void theCallersMaximumIsEnforced(@ForAll @Size(min = 11, max = 200) byte[] blob) {
        byte[] enc = new WireWriter().writeString(blob).toByteArray();
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> new WireReader(enc, 0, enc.length, 10).readString("comment"));
        assertTrue(e.getMessage().contains("exceeds the limit of 10 bytes"), e.getMessage());
    }

    @Property
    void theWriterReusesItsBuffer(@ForAll("message") Message a, @ForAll("message") Message b) {
        WireWriter w = new WireWriter(1 << 16);
        byte[] before = w.array();
        a.write(w);
        w.reset();
        b.write(w);
        assertSame(before, w.array());
        WireWriter fresh = new WireWriter();
        b.write(fresh);
        assertArrayEquals(fresh.toByteArray(), w.toByteArray());
    }
}
