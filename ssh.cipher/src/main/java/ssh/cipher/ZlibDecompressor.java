package ssh.cipher;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import ssh.api.SshProtocolException;
import ssh.api.spi.PayloadDecompressor;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.WireWriter;

/**
 * Inflates one direction's payloads from a single zlib stream. The output never grows past the
 * limit: the inflater writes straight into the writer, asked for no more than the room left, and
 * one probe byte past the limit tells a payload that fits exactly from a compression bomb.
 */
final class ZlibDecompressor implements PayloadDecompressor {
    private static final int CHUNK = 16 * 1024;

    private final Inflater inflater = new Inflater();
    private final int maxOutput;
    private final byte[] probe = new byte[1];

    ZlibDecompressor(int maxOutput) {
        if (maxOutput < 0) {
            throw new IllegalArgumentException("negative output limit " + maxOutput);
        }
        this.maxOutput = maxOutput;
    }

    @Override
    public void decompress(byte[] buf, int off, int len, WireWriter out) throws SshProtocolException {
        inflater.setInput(buf, off, len);
        int produced = 0;
        try {
            while (true) {
                int room = maxOutput - produced;
                int n;
                if (room == 0) {
                    n = inflater.inflate(probe, 0, 1);
                    if (n > 0) {
                        throw error("payload inflates past the limit of " + maxOutput + " bytes", null);
                    }
                } else {
                    int ask = Math.min(room, CHUNK);
                    out.ensureCapacity(ask);
                    n = inflater.inflate(out.array(), out.length(), ask);
                    out.reserve(n);
                    produced += n;
                }
                if (n == 0) {
                    if (inflater.finished()) {
                        throw error("peer ended its zlib stream", null);
                    }
                    if (inflater.needsDictionary()) {
                        throw error("zlib stream asks for a preset dictionary", null);
                    }
                    if (inflater.needsInput()) {
                        return;
                    }
                }
            }
        } catch (DataFormatException e) {
            throw error("corrupt zlib data: " + e.getMessage(), e);
        }
    }

    private static SshProtocolException error(String message, Throwable cause) {
        return new SshProtocolException(DisconnectReason.COMPRESSION_ERROR, message, cause);
    }

    @Override
    public void close() {
        inflater.end();
    }
}
