package ssh.api.crypto;

import java.util.Objects;

/**
 * One message read from up to {@value #MAX_PARTS} slices of byte arrays, in order: a seal takes its
 * plaintext from the slices where they are, so that they need not first be copied together. The
 * packet writer keeps one and refills it for every packet (the padding-length byte, the message
 * header, the caller's data, the padding); nothing is allocated per message.
 *
 * <p>Mutable and not thread-safe, like the buffers it points into. It holds references to the
 * arrays, not copies; its {@code toString} gives sizes, never the bytes.
 */
public final class Gather {
    public static final int MAX_PARTS = 4;

    private final byte[][] arrays = new byte[MAX_PARTS][];
    private final int[] offsets = new int[MAX_PARTS];
    private final int[] lengths = new int[MAX_PARTS];
    private int parts;
    private int length;

    /** Forgets every slice (and the arrays they point into). */
    public Gather clear() {
        for (int i = 0; i < parts; i++) {
            arrays[i] = null;
        }
        parts = 0;
        length = 0;
        return this;
    }

    /** Appends {@code array[off, off+len)}; an empty slice is skipped. */
    public Gather add(byte[] array, int off, int len) {
        Objects.checkFromIndexSize(off, len, array.length);
        if (len == 0) {
            return this;
        }
        if (parts == MAX_PARTS) {
            throw new IllegalStateException("a gather holds at most " + MAX_PARTS + " slices");
        }
        arrays[parts] = array;
        offsets[parts] = off;
        lengths[parts] = len;
        parts++;
        length += len;
        return this;
    }

    /** The number of (non-empty) slices. */
    public int parts() {
        return parts;
    }

    public byte[] array(int part) {
        return arrays[Objects.checkIndex(part, parts)];
    }

    public int offset(int part) {
        return offsets[Objects.checkIndex(part, parts)];
    }

    public int length(int part) {
        return lengths[Objects.checkIndex(part, parts)];
    }

    /** The length of the whole message. */
    public int length() {
        return length;
    }

    /** Copies the whole message, contiguous, to {@code dst[off]}. */
    public void copyTo(byte[] dst, int off) {
        Objects.checkFromIndexSize(off, length, dst.length);
        for (int i = 0; i < parts; i++) {
            System.arraycopy(arrays[i], offsets[i], dst, off, lengths[i]);
            off += lengths[i];
        }
    }

    @Override
    public String toString() {
        return "Gather[" + parts + " slices, " + length + " bytes]";
    }
}
