package ssh.api.wire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes the SSH data types of RFC 4251 section 5 into a growable buffer that is reused:
 * {@link #reset()} keeps the array, so a connection writes every packet through one writer.
 *
 * <p>Encoding our own values cannot fail on the wire's account; a value the format cannot
 * represent (a name with a comma, a uint32 out of range) is a programming error and throws
 * {@link IllegalArgumentException}. Not thread-safe.
 */
public final class WireWriter {
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private byte[] buf;
    private int pos;

    public WireWriter() {
        this(256);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Empties the writer, keeping its buffer. */
    public WireWriter reset() {
        pos = 0;
        return this;
    }

    /** Zeroes the buffer and empties the writer: for writers that held secrets. */
    public void wipe() {
        Arrays.fill(buf, (byte) 0);
        pos = 0;
    }

    /** Bytes written so far. */
    public int length() {
        return pos;
    }

    /** The backing array; its first {@link #length()} bytes are the encoding. */
    public byte[] array() {
        return buf;
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Makes room for {@code n} more bytes. */
    public void ensureCapacity(int n) {
        if (n < 0 || n > MAX_CAPACITY - pos) {
            throw new IllegalArgumentException("cannot grow by " + n + " bytes past " + pos);
        }
        int needed = pos + n;
        if (needed > buf.length) {
            int grown = (int) Math.min(MAX_CAPACITY, Math.max((long) buf.length * 2, needed));
            buf = Arrays.copyOf(buf, grown);
        }
    }

    /** Skips {@code n} bytes to be filled in later (e.g. a length) and returns their offset. */
    public int reserve(int n) {
        ensureCapacity(n);
        int at = pos;
        pos += n;
        return at;
    }

    /** Overwrites four bytes at {@code offset} with a uint32. */
    public void setUint32(int offset, int value) {
        if (offset < 0 || offset > pos - 4) {
            throw new IndexOutOfBoundsException("uint32 at " + offset + " outside the " + pos + " bytes written");
        }
        putInt(offset, value);
    }

    public WireWriter writeByte(int b) {
        ensureCapacity(1);
        buf[pos++] = (byte) b;
        return this;
    }

    public WireWriter writeBoolean(boolean b) {
        return writeByte(b ? 1 : 0);
    }

    /** A uint32 from the 32 bits of {@code value}. */
    public WireWriter writeUint32(int value) {
        ensureCapacity(4);
        putInt(pos, value);
        pos += 4;
        return this;
    }

    /** A uint32 from a {@code long} that must lie in 0..2^32-1. */
    public WireWriter writeUint32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uint32 out of range: " + value);
        }
        return writeUint32((int) value);
    }

    public WireWriter writeUint64(long value) {
        writeUint32((int) (value >>> 32));
        return writeUint32((int) value);
    }

    /** Raw bytes with no length prefix. */
    public WireWriter writeBytes(byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    public WireWriter writeBytes(byte[] b, int off, int len) {
        ensureCapacity(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** A string: uint32 length, then the bytes. */
    public WireWriter writeString(byte[] b) {
        return writeString(b, 0, b.length);
    }

    public WireWriter writeString(byte[] b, int off, int len) {
        ensureCapacity(4 + len);
        writeUint32(len);
        return writeBytes(b, off, len);
    }

    /** A string holding {@code s} in UTF-8. */
    public WireWriter writeUtf8(String s) {
        return writeString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An mpint: two's complement, big-endian, in the fewest bytes; zero is the empty string. */
    public WireWriter writeMpint(BigInteger value) {
        if (value.signum() == 0) {
            return writeUint32(0);
        }
        return writeString(value.toByteArray());
    }

    /**
     * An mpint holding the non-negative integer whose big-endian bytes are given (a shared secret
     * from X25519, say): leading zeros dropped, a zero byte added when the top bit is set.
     */
    public WireWriter writeMpintUnsigned(byte[] magnitude, int off, int len) {
        int start = off;
        int stop = off + len;
        while (start < stop && magnitude[start] == 0) {
            start++;
        }
        int n = stop - start;
        boolean pad = n > 0 && magnitude[start] < 0;
        ensureCapacity(4 + n + 1);
        writeUint32(n + (pad ? 1 : 0));
        if (pad) {
            buf[pos++] = 0;
        }
        return writeBytes(magnitude, start, n);
    }

    /** A name-list; each name must be 1-64 printable US-ASCII characters without a comma. */
    public WireWriter writeNameList(List<String> names) {
        for (String name : names) {
            if (!isValidName(name)) {
                throw new IllegalArgumentException("not a valid SSH name: \"" + name + "\"");
            }
        }
        return writeString(String.join(",", names).getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code name} may stand in a name-list (RFC 4251 section 6). */
    public static boolean isValidName(String name) {
        if (name.isEmpty() || name.length() > WireReader.MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 127 || c == ',') {
                return false;
            }
        }
        return true;
    }

    private void putInt(int at, int value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }
}
