package ssh.auth.keys;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A reader of the DER subset key files use (X.690): low tag numbers, definite minimal lengths,
 * every length checked against the bytes left in the enclosing element before anything is read,
 * and nesting bounded. Every error is a {@link KeyFormatException} naming the field.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** Context-specific, constructed, tag number n: {@code CONTEXT | n}. */
    static final int CONTEXT = 0xa0;
    /** Context-specific, primitive, tag number n: {@code IMPLICIT | n}. */
    static final int IMPLICIT = 0x80;

    /** Deeper nesting than any key format needs is refused. */
    private static final int MAX_DEPTH = 10;
    /** Integers longer than a 16384-bit RSA modulus (plus a sign byte) are refused. */
    private static final int MAX_INTEGER_BYTES = 2049;
    /** Object identifiers longer than this many bytes are refused. */
    private static final int MAX_OID_BYTES = 64;

    private final byte[] data;
    private final int end;
    private final int depth;
    private int pos;

    private Der(byte[] data, int start, int end, int depth) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.depth = depth;
    }

    /** A reader over all of {@code data}, which it does not copy. */
    static Der of(byte[] data) {
        return new Der(data, 0, data.length, 0);
    }

    /** The contents of the one SEQUENCE that {@code data} must be, with nothing after it. */
    static Der sequenceOf(byte[] data, String field) throws KeyFormatException {
        Der outer = of(data);
        Der inner = outer.sequence(field);
        outer.requireEnd(field);
        return inner;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** The tag of the next element, without reading it; -1 at the end. */
    int peekTag() {
        return pos < end ? data[pos] & 0xff : -1;
    }

    /** The contents of a SEQUENCE, as a reader of their own. */
    Der sequence(String field) throws KeyFormatException {
        return nested(SEQUENCE, field);
    }

    /** The contents of an explicitly tagged {@code [n]} element, as a reader of their own. */
    Der explicit(int n, String field) throws KeyFormatException {
        return nested(CONTEXT | n, field);
    }

    private Der nested(int tag, String field) throws KeyFormatException {
        if (depth >= MAX_DEPTH) {
            throw new KeyFormatException("DER " + field + ": nested more than " + MAX_DEPTH + " deep");
        }
        int len = header(tag, field);
        Der inner = new Der(data, pos, pos + len, depth + 1);
        pos += len;
        return inner;
    }

    /** A non-negative INTEGER of at most 16392 bits. */
    BigInteger integer(String field) throws KeyFormatException {
        int len = header(INTEGER, field);
        if (len == 0) {
            throw new KeyFormatException("DER " + field + ": empty INTEGER");
        }
        if (len > MAX_INTEGER_BYTES) {
            throw new KeyFormatException("DER " + field + ": INTEGER of " + len + " bytes is too long");
        }
        if (len > 1 && (data[pos] == 0 && (data[pos + 1] & 0x80) == 0
                || data[pos] == (byte) 0xff && (data[pos + 1] & 0x80) != 0)) {
            throw new KeyFormatException("DER " + field + ": INTEGER not minimally encoded");
        }
        if ((data[pos] & 0x80) != 0) {
            throw new KeyFormatException("DER " + field + ": negative INTEGER");
        }
        BigInteger v = new BigInteger(1, data, pos, len);
        pos += len;
        return v;
    }

    /** A non-negative INTEGER that fits in an {@code int}, such as a version or an iteration count. */
    int smallInt(String field) throws KeyFormatException {
        BigInteger v = integer(field);
        if (v.bitLength() > 31) {
            throw new KeyFormatException("DER " + field + ": " + v.bitLength() + "-bit INTEGER is too large");
        }
        return v.intValue();
    }

    /** An OCTET STRING's contents (a copy, which the caller wipes if it is secret). */
    byte[] octetString(String field) throws KeyFormatException {
        int len = header(OCTET_STRING, field);
        byte[] out = Arrays.copyOfRange(data, pos, pos + len);
        pos += len;
        return out;
    }

    /** A BIT STRING's contents, which must be whole bytes. */
    byte[] bitString(String field) throws KeyFormatException {
        return bits(BIT_STRING, field);
    }

    /** An implicitly tagged {@code [n] IMPLICIT BIT STRING}'s contents, which must be whole bytes. */
    byte[] implicitBitString(int n, String field) throws KeyFormatException {
        return bits(IMPLICIT | n, field);
    }

    private byte[] bits(int tag, String field) throws KeyFormatException {
        int len = header(tag, field);
        if (len == 0 || data[pos] != 0) {
            throw new KeyFormatException("DER " + field + ": BIT STRING is not a whole number of bytes");
        }
        byte[] out = Arrays.copyOfRange(data, pos + 1, pos + len);
        pos += len;
        return out;
    }

    /** A NULL. */
    void nul(String field) throws KeyFormatException {
        if (header(NULL, field) != 0) {
            throw new KeyFormatException("DER " + field + ": NULL with contents");
        }
    }

    /** An OBJECT IDENTIFIER in dotted form, e.g. {@code "1.2.840.113549.1.1.1"}. */
    String oid(String field) throws KeyFormatException {
        int len = header(OID, field);
        if (len == 0 || len > MAX_OID_BYTES || (data[pos + len - 1] & 0x80) != 0) {
            throw new KeyFormatException("DER " + field + ": malformed OBJECT IDENTIFIER");
        }
        StringBuilder sb = new StringBuilder();
        long arc = 0;
        boolean first = true;
        for (int i = pos; i < pos + len; i++) {
            int b = data[i] & 0xff;
            if (arc == 0 && b == 0x80) {
                throw new KeyFormatException("DER " + field + ": OBJECT IDENTIFIER arc not minimally encoded");
            }
            arc = (arc << 7) | (b & 0x7f);
            if (arc > Integer.MAX_VALUE) {
                throw new KeyFormatException("DER " + field + ": OBJECT IDENTIFIER arc too large");
            }
            if ((b & 0x80) == 0) {
                if (first) {
                    int top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
                    sb.append(top).append('.').append(arc - 40L * top);
                    first = false;
                } else {
                    sb.append('.').append(arc);
                }
                arc = 0;
            }
        }
        pos += len;
        return sb.toString();
    }

    /** Skips the next element, whatever its tag. */
    void skip(String field) throws KeyFormatException {
        int tag = peekTag();
        if (tag < 0) {
            throw new KeyFormatException("DER " + field + ": missing");
        }
        pos += header(tag, field);
    }

    /** Refuses trailing bytes. */
    void requireEnd(String what) throws KeyFormatException {
        if (pos != end) {
            throw new KeyFormatException("DER " + what + ": " + (end - pos) + " unexpected trailing bytes");
        }
    }

    /** Reads a tag and a length, leaving {@code pos} at the contents; returns the contents' length. */
    private int header(int tag, String field) throws KeyFormatException {
        if (end - pos < 2) {
            throw new KeyFormatException("DER " + field + ": missing or truncated");
        }
        int t = data[pos] & 0xff;
        if (t != tag) {
            throw new KeyFormatException("DER " + field + ": tag 0x" + Integer.toHexString(t) + " where 0x"
                    + Integer.toHexString(tag) + " is expected");
        }
        if ((t & 0x1f) == 0x1f) {
            throw new KeyFormatException("DER " + field + ": high tag numbers are not used in key files");
        }
        int first = data[pos + 1] & 0xff;
        int p = pos + 2;
        long len;
        if (first < 0x80) {
            len = first;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4) {
                throw new KeyFormatException("DER " + field + ": " + (n == 0 ? "indefinite" : "oversized")
                        + " length");
            }
            if (end - p < n) {
                throw new KeyFormatException("DER " + field + ": truncated length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (data[p + i] & 0xff);
            }
            if (len < 0x80 || (data[p] & 0xff) == 0) {
                throw new KeyFormatException("DER " + field + ": length not minimally encoded");
            }
            p += n;
        }
        if (len > end - p) {
            throw new KeyFormatException("DER " + field + ": length " + len + " exceeds the " + (end - p)
                    + " bytes left");
        }
        pos = p;
        return (int) len;
    }
}
