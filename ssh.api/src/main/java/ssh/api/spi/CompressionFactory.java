package ssh.api.spi;

/** A payload compression method ({@code none}, {@code zlib}, {@code zlib@openssh.com}). */
public interface CompressionFactory extends AlgorithmFactory {
    /** Whether compression starts only after user authentication succeeds ({@code zlib@openssh.com}). */
    boolean isDelayed();

    /** A compressor for outgoing payloads; one per connection direction. */
    PayloadCompressor compressor();

    /** A decompressor for incoming payloads that refuses to inflate one payload past {@code maxOutput} bytes. */
    PayloadDecompressor decompressor(int maxOutput);
}
