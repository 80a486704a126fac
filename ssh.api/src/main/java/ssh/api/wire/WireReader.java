package ssh.api.wire;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes the SSH data types of RFC 4251 section 5 from a slice of a byte array.
 *
 * <p>Every length read from the wire is checked against the bytes that are left and against
 * the caller's maximum before anything is allocated; every failure is a
 * {@link WireFormatException} naming the field and the limit. Each read method takes the field's
 * name for that message, e.g. {@code reader.readString("host key blob")}.
 *
 * <p>Not thread-safe; one reader per message.
 */
public final class WireReader {
    /** The default cap on an mpint's magnitude: 16384 bits, RSA's upper bound in OpenSSH. */
    public static final int DEFAULT_MAX_MPINT_BITS = 16384;
    /** RFC 4251 section 6: algorithm and method names are at most 64 characters. */
    public static final int MAX_NAME_LENGTH = 64;

    private final byte[] data;
    private final int end;
    private final int maxLength;
    private int pos;

    /** Reads all of {@code data}. */
    public WireReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** Reads {@code length} bytes of {@code data} from {@code offset}; any string may fill them. */
    public WireReader(byte[] data, int offset, int length) {
        this(data, offset, length, length);
    }

    /**
     * Reads {@code length} bytes of {@code data} from {@code offset}, refusing any string,
     * name-list or mpint longer than {@code maxLength} bytes.
     */
    public WireReader(byte[] data, int offset, int length, int maxLength) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength < 0");
        }
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
        this.maxLength = maxLength;
    }

    /** Bytes not yet read. */
    public int remaining() {
        return end - pos;
    }

    /** The offset of the next byte to read, in the underlying array. */
    public int position() {
        return pos;
    }

    public int readByte(String field) throws WireFormatException {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    /** A boolean; as RFC 4251 says, every non-zero byte is true. */
    public boolean readBoolean(String field) throws WireFormatException {
        return readByte(field) != 0;
    }

    /** A uint32 as the 32 bits of a Java {@code int} (values of 2^31 and more come out negative). */
    public int readUint32(String field) throws WireFormatException {
        need(4, field);
        int v = (data[pos] & 0xFF) << 24 | (data[pos + 1] & 0xFF) << 16 | (data[pos + 2] & 0xFF) << 8 | data[pos + 3] & 0xFF;
        pos += 4;
        return v;
    }

    /** A uint32 as a non-negative {@code long} from 0 to 2^32-1. */
    public long readUint32AsLong(String field) throws WireFormatException {
        return Integer.toUnsignedLong(readUint32(field));
    }

    /** A uint64 as the 64 bits of a Java {@code long}. */
    public long readUint64(String field) throws WireFormatException {
        long hi = readUint32AsLong(field);
        long lo = readUint32AsLong(field);
        return hi << 32 | lo;
    }

    /** {@code n} raw bytes (a fixed-size field such as KEXINIT's cookie). */
    public byte[] readBytes(int n, String field) throws WireFormatException {
        need(n, field);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    public void skip(int n, String field) throws WireFormatException {
        need(n, field);
        pos += n;
    }

    /** A string's bytes, copied. */
    public byte[] readString(String field) throws WireFormatException {
        return readString(field, maxLength);
    }

    /** A string's bytes, copied, refusing more than {@code max} bytes (and more than the reader's maximum). */
    public byte[] readString(String field, int max) throws WireFormatException {
        int len = readLength(field, Math.min(max, maxLength));
        byte[] out = new byte[len];
        System.arraycopy(data, pos, out, 0, len);
        pos += len;
        return out;
    }

    /** A string as a view of the underlying array, without copying. */
    public ByteSlice readStringView(String field) throws WireFormatException {
        int len = readLength(field, maxLength);
        ByteSlice slice = new ByteSlice(data, pos, len);
        pos += len;
        return slice;
    }

    /** A string holding UTF-8 text (RFC 4251 "string" in ISO-10646 UTF-8); malformed UTF-8 is refused. */
    public String readUtf8(String field) throws WireFormatException {
        return readUtf8(field, maxLength);
    }

    /** UTF-8 text of at most {@code max} bytes (and no more than the reader's maximum). */
    public String readUtf8(String field, int max) throws WireFormatException {
        int len = readLength(field, Math.min(max, maxLength));
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, pos, len))
                    .toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw new WireFormatException(field, "not valid UTF-8");
        }
    }

    /** An mpint of at most {@link #DEFAULT_MAX_MPINT_BITS} bits of magnitude. */
    public BigInteger readMpint(String field) throws WireFormatException {
        return readMpint(field, DEFAULT_MAX_MPINT_BITS);
    }

    /**
     * An mpint: two's complement, big-endian, in the fewest bytes (zero is the empty string).
     * Non-minimal encodings and magnitudes over {@code maxBits} bits are refused.
     */
    public BigInteger readMpint(String field, int maxBits) throws WireFormatException {
        int len = readLength(field, Math.min(maxLength, maxBits / 8 + 1));
        if (len == 0) {
            return BigInteger.ZERO;
        }
        byte first = data[pos];
        if (len == 1 && first == 0) {
            throw new WireFormatException(field, "mpint zero must be encoded as an empty string");
        }
        if (len > 1) {
            byte second = data[pos + 1];
            if (first == 0 && second >= 0 || first == (byte) 0xFF && second < 0) {
                throw new WireFormatException(field, "mpint has an unnecessary leading byte");
            }
        }
        BigInteger value = new BigInteger(data, pos, len);
        if (value.bitLength() > maxBits) {
            throw new WireFormatException(field, "mpint of " + value.bitLength() + " bits exceeds the limit of " + maxBits);
        }
        pos += len;
        return value;
    }

    /**
     * A name-list: comma-separated, printable US-ASCII names without whitespace, each 1 to 64
     * characters. The empty string is the empty list.
     */
    public List<String> readNameList(String field) throws WireFormatException {
        int len = readLength(field, maxLength);
        List<String> names = new ArrayList<>();
        int start = pos;
        int stop = pos + len;
        for (int i = pos; i <= stop && len > 0; i++) {
            if (i == stop || data[i] == ',') {
                int n = i - start;
                if (n == 0) {
                    throw new WireFormatException(field, "empty name in name-list at byte " + (start - pos));
                }
                if (n > MAX_NAME_LENGTH) {
                    throw new WireFormatException(field, "name of " + n + " characters exceeds the limit of " + MAX_NAME_LENGTH);
                }
                names.add(new String(data, start, n, StandardCharsets.US_ASCII));
                start = i + 1;
            } else if (data[i] <= ' ' || data[i] >= 127) {
                throw new WireFormatException(field, "name-list byte 0x" + Integer.toHexString(data[i] & 0xFF)
                        + " at " + (i - pos) + " is not printable US-ASCII");
            }
        }
        pos = stop;
        return names;
    }

    /** Fails unless every byte has been read: trailing garbage after {@code what}. */
    public void requireEnd(String what) throws WireFormatException {
        if (pos != end) {
            throw new WireFormatException(what, remaining() + " unexpected trailing bytes");
        }
    }

    private int readLength(String field, int max) throws WireFormatException {
        long len = readUint32AsLong(field);
        if (len > remaining()) {
            throw new WireFormatException(field, "length " + len + " exceeds the " + remaining() + " bytes left");
        }
        if (len > max) {
            throw new WireFormatException(field, "length " + len + " exceeds the limit of " + max + " bytes");
        }
        return (int) len;
    }

    private void need(int n, String field) throws WireFormatException {
        if (n < 0 || n > end - pos) {
            throw new WireFormatException(field, "needs " + n + " bytes but " + (end - pos) + " are left");
        }
    }
}
