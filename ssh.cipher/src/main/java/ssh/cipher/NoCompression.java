package ssh.cipher;

import java.util.Set;
import ssh.api.algorithms.CompressionNames;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.PayloadCompressor;
import ssh.api.spi.PayloadDecompressor;

/** {@code none} (RFC 4253 section 6.2): payloads travel as they are. */
public final class NoCompression implements CompressionFactory {
    public NoCompression() {
    }

    @Override
    public String name() {
        return CompressionNames.NONE;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public boolean isDelayed() {
        return false;
    }

    @Override
    public PayloadCompressor compressor() {
        return new CopyPayload(Integer.MAX_VALUE);
    }

    @Override
    public PayloadDecompressor decompressor(int maxOutput) {
        return new CopyPayload(maxOutput);
    }

    @Override
    public String toString() {
        return name();
    }
}
