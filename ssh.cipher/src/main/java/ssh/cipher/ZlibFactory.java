package ssh.cipher;

import java.util.Set;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.PayloadCompressor;
import ssh.api.spi.PayloadDecompressor;

/**
 * The shared shape of {@code zlib} and {@code zlib@openssh.com}: one zlib stream per direction
 * (RFC 1950 format), flushed at the end of every payload, on {@link java.util.zip}.
 */
abstract class ZlibFactory implements CompressionFactory {
    private final String name;
    private final boolean delayed;

    ZlibFactory(String name, boolean delayed) {
        this.name = name;
        this.delayed = delayed;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public final boolean isDelayed() {
        return delayed;
    }

    @Override
    public final PayloadCompressor compressor() {
        return new ZlibCompressor();
    }

    @Override
    public final PayloadDecompressor decompressor(int maxOutput) {
        return new ZlibDecompressor(maxOutput);
    }

    @Override
    public String toString() {
        return name;
    }
}
