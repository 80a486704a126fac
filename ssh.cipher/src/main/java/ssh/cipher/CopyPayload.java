package ssh.cipher;

import ssh.api.SshProtocolException;
import ssh.api.spi.PayloadCompressor;
import ssh.api.spi.PayloadDecompressor;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.WireWriter;

/** The identity transform of {@code none}, both ways; incoming payloads still respect the size limit. */
final class CopyPayload implements PayloadCompressor, PayloadDecompressor {
    private final int maxOutput;

    CopyPayload(int maxOutput) {
        if (maxOutput < 0) {
            throw new IllegalArgumentException("negative output limit " + maxOutput);
        }
        this.maxOutput = maxOutput;
    }

    @Override
    public void compress(byte[] buf, int off, int len, WireWriter out) {
        out.writeBytes(buf, off, len);
    }

    @Override
    public void decompress(byte[] buf, int off, int len, WireWriter out) throws SshProtocolException {
        if (len > maxOutput) {
            throw new SshProtocolException(DisconnectReason.COMPRESSION_ERROR,
                    "payload of " + len + " bytes exceeds the limit of " + maxOutput);
        }
        out.writeBytes(buf, off, len);
    }

    @Override
    public void close() {
    }
}
