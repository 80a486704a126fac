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
 * stand-in for the socket ({@link #socket}). Its ceiling is {@code BulkPrimitiveBench.sealAndOpen}
 * of the same primitives ({@code AES128_GCM}, {@code AES256_GCM}, {@code CHACHA20_POLY1305},
 * {@code AES128_CTR_HMAC_SHA256}); {@link SocketStandInBench} gives what the stand-in costs by
 * itself, and {@code none} the framing and copying alone. It lives in the
 * transport's package (class path only) to reach those package-private classes without widening the
 * SDK's API.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PacketPathBench {
    /** {@code none}: no keys installed, so only framing, padding and the copies are measured. */
    @Param({"chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "aes128-ctr", "none"})
    public String cipher;

    /**
     * How the stand-in socket moves the writer's bytes to the reader. {@code copy}: into a buffer of
     * its own on write, out of it on read (two 32 KiB copies, where a real socket's two are done by
     * the kernel). {@code handoff}: it keeps the writer's array and copies it once, into the
     * reader's buffer, on read, as a socket's receive does.
     */
    @Param({"copy", "handoff"})
    public String socket;

    @Param({"jca"})
    public String provider;

    @Param({"32768"})
    public int size;

    private Loop loop;
    private PacketWriter writer;
    private PacketReader reader;
    private byte[] payload;

    /** What the writer writes, the reader reads: one reusable array, or the writer's own. */
    static final class Loop {
        private final boolean handoff;
        byte[] data;
        int written;
        int read;

        Loop(boolean handoff) {
            this.handoff = handoff;
            this.data = handoff ? new byte[0] : new byte[1 << 20];
        }

        final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (handoff) {
                    // The benchmark reads each packet before the writer touches its buffer again.
                    if (read < written) {
                        throw new IllegalStateException("previous packet not read");
                    }
                    data = b;
                    read = off;
                    written = off + len;
                    return;
                }
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
        loop = new Loop(socket.equals("handoff"));
        writer = new PacketWriter(loop.out, new SecureRandom());
        reader = new PacketReader(loop.in, 256 * 1024);
        payload = new byte[size];
        payload[0] = 94;
        if (cipher.equals("none")) {
            return;
        }
        CipherFactory c = registry.find(AlgorithmFamily.CIPHER, cipher).orElseThrow();
        byte[] key = new byte[c.keyLength()];
        byte[] iv = new byte[c.ivLength()];
        new java.util.Random(7).nextBytes(key);
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
    }

    @Benchmark
    public int sealAndOpen() throws IOException {
        writer.write(payload, 0, payload.length);
        ByteSlice p = reader.read();
        return p.length();
    }
}
