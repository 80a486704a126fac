package ssh.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.MacFactory;
import ssh.api.wire.ByteSlice;

/**
 * The transport's packet path: one 32 KiB payload framed, padded, sealed by {@link PacketWriter}
 * and read back, checked and opened by {@link PacketReader}, per operation, through an in-memory
 * buffer. It lives in the transport's package (class path only) to reach those package-private
 * classes without widening the SDK's API.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PacketPathBench {
    @Param({"chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr"})
    public String cipher;

    @Param({"jca"})
    public String provider;

    @Param({"32768"})
    public int size;

    private final Loop loop = new Loop();
    private PacketWriter writer;
    private PacketReader reader;
    private byte[] payload;

    /** What the writer writes, the reader reads: one reusable array. */
    static final class Loop {
        byte[] data = new byte[1 << 20];
        int written;
        int read;

        final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (written + len > data.length) {
                    System.arraycopy(data, read, data, 0, written - read);
                    written -= read;
                    read = 0;
                }
                System.arraycopy(b, off, data, written, len);
                written += len;
            }
        };

        final InputStream in = new InputStream() {
            @Override
            public int read() {
                return read < written ? data[read++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = Math.min(len, written - read);
                if (n <= 0) {
                    return -1;
                }
                System.arraycopy(data, read, b, off, n);
                read += n;
                return n;
            }
        };
    }

    @Setup
    public void setup() throws SshException {
        AlgorithmRegistry registry = AlgorithmRegistry.load();
        ProviderChain crypto = registry.providerChain(provider);
        CipherFactory c = registry.find(AlgorithmFamily.CIPHER, cipher).orElseThrow();
        byte[] key = new byte[c.keyLength()];
        byte[] iv = new byte[c.ivLength()];
        new java.util.Random(7).nextBytes(key);
        writer = new PacketWriter(loop.out, new SecureRandom());
        reader = new PacketReader(loop.in, 256 * 1024);
        if (c.isAead()) {
            writer.install(PacketKeys.of(c.create(true, key, iv, crypto), c.blockSize(), c.tagLength(), null, 0, false));
            reader.install(PacketKeys.of(c.create(false, key, iv, crypto), c.blockSize(), c.tagLength(), null, 0, false));
        } else {
            MacFactory m = registry.find(AlgorithmFamily.MAC, "hmac-sha2-256-etm@openssh.com").orElseThrow();
            byte[] macKey = new byte[m.keyLength()];
            writer.install(PacketKeys.of(c.create(true, key, iv, crypto), c.blockSize(), 0,
                    m.create(macKey, crypto), m.macLength(), true));
            reader.install(PacketKeys.of(c.create(false, key, iv, crypto), c.blockSize(), 0,
                    m.create(macKey, crypto), m.macLength(), true));
        }
        payload = new byte[size];
        payload[0] = 94;
    }

    @Benchmark
    public int sealAndOpen() throws IOException {
        writer.write(payload, 0, payload.length);
        ByteSlice p = reader.read();
        return p.length();
    }
}
