package ssh.api.spi;

import ssh.api.SshException;
import ssh.api.wire.WireWriter;

/** Inflates payloads of one direction, bounded so that a compression bomb fails instead of filling the heap. */
public interface PayloadDecompressor extends AutoCloseable {
    /** Appends the inflated form of {@code buf[off, off+len)} to {@code out}, failing past the configured limit. */
    void decompress(byte[] buf, int off, int len, WireWriter out) throws SshException;

    @Override
    void close();
}
