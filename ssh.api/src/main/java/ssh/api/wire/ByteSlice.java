package ssh.api.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A view of {@code length} bytes of {@code array} starting at {@code offset}, handed out by
 * {@link WireReader#readStringView(String)} so that bulk data is copied once, by its consumer.
 */
public record ByteSlice(byte[] array, int offset, int length) {
    public ByteSlice {
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    /** A copy of the viewed bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    @Override
    public String toString() {
        return "ByteSlice[" + length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteSlice s
                && Arrays.equals(array, offset, offset + length, s.array, s.offset, s.offset + s.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }
}
