package ssh.cipher;

import java.util.zip.Deflater;
import ssh.api.spi.PayloadCompressor;
import ssh.api.wire.WireWriter;

/**
 * Compresses one direction's payloads into a single zlib stream, each payload ending in a sync
 * flush so the peer can inflate it whole (OpenSSH flushes with Z_PARTIAL_FLUSH; zlib inflates
 * either the same way).
 */
final class ZlibCompressor implements PayloadCompressor {
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);

    @Override
    public void compress(byte[] buf, int off, int len, WireWriter out) {
        deflater.setInput(buf, off, len);
        // Room for incompressible input plus block and flush overhead; loop if it is not enough.
        int room = len + (len >>> 3) + 64;
        while (true) {
            out.ensureCapacity(room);
            int n = deflater.deflate(out.array(), out.length(), room, Deflater.SYNC_FLUSH);
            out.reserve(n);
            if (n < room) {
                return;
            }
        }
    }

    @Override
    public void close() {
        deflater.end();
    }
}
