package ssh.api.spi;

import ssh.api.wire.WireWriter;

/** Compresses payloads of one direction; the stream state carries over from packet to packet. */
public interface PayloadCompressor extends AutoCloseable {
    /** Appends the compressed form of {@code buf[off, off+len)} to {@code out}. */
    void compress(byte[] buf, int off, int len, WireWriter out);

    @Override
    void close();
}
