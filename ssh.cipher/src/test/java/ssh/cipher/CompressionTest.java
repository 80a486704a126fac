package ssh.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.PayloadCompressor;
import ssh.api.spi.PayloadDecompressor;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.WireWriter;

/** {@code none}, {@code zlib} and {@code zlib@openssh.com}: streams across packets, limits, and bombs. */
class CompressionTest {
    private static final int LIMIT = 256 * 1024;

    static List<CompressionFactory> all() {
        return Fixtures.compressions();
    }

    static List<CompressionFactory> zlibs() {
        return List.of(new Zlib(), new ZlibOpenSsh());
    }

    /** Payloads that are text-like and repeat across packets, so a shared stream must carry its window. */
    private static byte[][] payloads(Random rnd, int count) {
        String[] words = {"channel", "data", "window", "adjust", "exit-status", "pty-req", "\n", " ", "secsh"};
        byte[][] out = new byte[count][];
        for (int i = 0; i < count; i++) {
            int kind = i % 5;
            if (kind == 0) {
                out[i] = new byte[0];
            } else if (kind == 1) {
                out[i] = Fixtures.random(rnd, rnd.nextInt(40_000));
            } else {
                StringBuilder sb = new StringBuilder();
                int n = rnd.nextInt(kind == 4 ? 20_000 : 300);
                while (sb.length() < n) {
                    sb.append(words[rnd.nextInt(words.length)]);
                }
                out[i] = sb.toString().getBytes(StandardCharsets.US_ASCII);
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("all")
    void manyPayloadsRoundTripThroughOneStream(CompressionFactory f) throws Exception {
        Random rnd = new Random(f.name().hashCode());
        byte[][] payloads = payloads(rnd, 300);
        WireWriter wire = new WireWriter();
        WireWriter plain = new WireWriter();
        try (PayloadCompressor c = f.compressor(); PayloadDecompressor d = f.decompressor(LIMIT)) {
            for (byte[] p : payloads) {
                wire.reset();
                c.compress(p, 0, p.length, wire);
                plain.reset();
                d.decompress(wire.array(), 0, wire.length(), plain);
                assertArrayEquals(p, plain.toByteArray());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("zlibs")
    void eachPayloadIsSyncFlushedZlibAndTheWindowCarriesOver(CompressionFactory f) throws Exception {
        byte[] text = "the quick brown fox jumps over the lazy dog; ".repeat(20).getBytes(StandardCharsets.US_ASCII);
        WireWriter first = new WireWriter();
        WireWriter second = new WireWriter();
        try (PayloadCompressor c = f.compressor()) {
            c.compress(text, 0, text.length, first);
            c.compress(text, 0, text.length, second);
        }
        byte[] a = first.toByteArray();
        byte[] b = second.toByteArray();
        assertEquals(0x78, a[0] & 0xff, "zlib format (RFC 1950 header), not raw deflate");
        assertArrayEquals(new byte[] {0, 0, (byte) 0xff, (byte) 0xff}, Arrays.copyOfRange(a, a.length - 4, a.length));
        assertArrayEquals(new byte[] {0, 0, (byte) 0xff, (byte) 0xff}, Arrays.copyOfRange(b, b.length - 4, b.length));
        assertTrue(b.length < a.length / 2, "the second copy should refer back into the first: " + b.length);
        // A fresh inflater cannot read the second payload on its own: it needs the stream before it.
        try (PayloadDecompressor fresh = f.decompressor(LIMIT)) {
            assertThrows(SshProtocolException.class, () -> fresh.decompress(b, 0, b.length, new WireWriter()));
        }
    }

    @ParameterizedTest
    @MethodSource("all")
    void aPayloadOfExactlyTheLimitPassesAndOneMoreByteFails(CompressionFactory f) throws Exception {
        int limit = 50_000;
        byte[] exact = new byte[limit];
        byte[] over = new byte[limit + 1];
        for (byte[] p : new byte[][] {exact, over}) {
            WireWriter wire = new WireWriter();
            WireWriter out = new WireWriter();
            try (PayloadCompressor c = f.compressor(); PayloadDecompressor d = f.decompressor(limit)) {
                c.compress(p, 0, p.length, wire);
                if (p == exact) {
                    d.decompress(wire.array(), 0, wire.length(), out);
                    assertEquals(limit, out.length());
                } else {
                    SshException e = assertThrows(SshException.class,
                            () -> d.decompress(wire.array(), 0, wire.length(), out));
                    assertEquals(DisconnectReason.COMPRESSION_ERROR, e.reasonCode());
                    assertTrue(out.length() <= limit);
                }
            }
        }
    }

    /** 100 MiB of zeros compressed by a stream the attacker controls, against a 256 KiB limit. */
    @ParameterizedTest
    @MethodSource("zlibs")
    void aCompressionBombStopsAtTheLimit(CompressionFactory f) throws Exception {
        byte[] bomb = zlibOfZeros(100 * 1024 * 1024);
        assertTrue(bomb.length < 110 * 1024, "deflate's best ratio is about 1:1032, so about 100 KiB: " + bomb.length);
        WireWriter out = new WireWriter();
        try (PayloadDecompressor d = f.decompressor(LIMIT)) {
            SshProtocolException e = assertThrows(SshProtocolException.class,
                    () -> d.decompress(bomb, 0, bomb.length, out));
            assertEquals(DisconnectReason.COMPRESSION_ERROR, e.reasonCode());
        }
        assertTrue(out.length() <= LIMIT, "wrote " + out.length() + " bytes");
        // The writer doubles as it grows, so its array is at most twice what it was asked to hold.
        assertTrue(out.array().length <= 2 * LIMIT, "grew to " + out.array().length + " bytes");
    }

    private static byte[] zlibOfZeros(int size) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            byte[] zeros = new byte[1024 * 1024];
            WireWriter w = new WireWriter(128 * 1024);
            byte[] chunk = new byte[64 * 1024];
            for (int done = 0; done < size; done += zeros.length) {
                deflater.setInput(zeros, 0, Math.min(zeros.length, size - done));
                while (!deflater.needsInput()) {
                    w.writeBytes(chunk, 0, deflater.deflate(chunk, 0, chunk.length, Deflater.NO_FLUSH));
                }
            }
            int n;
            while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
                w.writeBytes(chunk, 0, n);
            }
            return w.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @ParameterizedTest
    @MethodSource("zlibs")
    void corruptInputIsACompressionError(CompressionFactory f) throws Exception {
        byte[] junk = {0x78, (byte) 0x9c, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x13, 0x37};
        try (PayloadDecompressor d = f.decompressor(LIMIT)) {
            SshProtocolException e = assertThrows(SshProtocolException.class,
                    () -> d.decompress(junk, 0, junk.length, new WireWriter()));
            assertEquals(DisconnectReason.COMPRESSION_ERROR, e.reasonCode());
        }
        try (PayloadDecompressor d = f.decompressor(LIMIT)) {
            byte[] rawDeflate = {0x01, 0x00, 0x00, (byte) 0xff, (byte) 0xff};
            assertThrows(SshProtocolException.class,
                    () -> d.decompress(rawDeflate, 0, rawDeflate.length, new WireWriter()));
        }
    }

    @ParameterizedTest
    @MethodSource("zlibs")
    void aStreamTheCompressorEndsIsRefused(CompressionFactory f) throws Exception {
        Deflater deflater = new Deflater();
        byte[] buf = new byte[64];
        deflater.setInput(new byte[] {1, 2, 3});
        deflater.finish();
        int n = deflater.deflate(buf);
        deflater.end();
        try (PayloadDecompressor d = f.decompressor(LIMIT)) {
            assertThrows(SshProtocolException.class, () -> d.decompress(buf, 0, n, new WireWriter()));
        }
    }

    @ParameterizedTest
    @MethodSource("zlibs")
    void inflatesWhatOpenSshStyleZlibSends(CompressionFactory f) throws Exception {
        // OpenSSH deflates with Z_PARTIAL_FLUSH; Java has no such mode, so interoperability rests on
        // inflate reading any flush. Here the peer's stream is produced by a plain JDK Deflater.
        Deflater peer = new Deflater(Deflater.DEFAULT_COMPRESSION);
        Random rnd = new Random(1);
        try (PayloadDecompressor d = f.decompressor(LIMIT)) {
            for (byte[] p : payloads(rnd, 50)) {
                byte[] wire = new byte[p.length * 2 + 128];
                peer.setInput(p);
                int n = peer.deflate(wire, 0, wire.length, Deflater.SYNC_FLUSH);
                WireWriter out = new WireWriter();
                d.decompress(wire, 0, n, out);
                assertArrayEquals(p, out.toByteArray());
            }
        } finally {
            peer.end();
        }
    }

    @Test
    void flagsAndNames() {
        assertFalse(new NoCompression().isDelayed());
        assertFalse(new Zlib().isDelayed());
        assertTrue(new ZlibOpenSsh().isDelayed());
        for (CompressionFactory f : all()) {
            assertTrue(f.requiredPrimitives().isEmpty(), f.name());
        }
        assertThrows(IllegalArgumentException.class, () -> new Zlib().decompressor(-1));
    }

    @Test
    void closingEndsTheStreams() throws Exception {
        PayloadCompressor c = new Zlib().compressor();
        PayloadDecompressor d = new Zlib().decompressor(LIMIT);
        c.close();
        d.close();
        c.close();
        d.close();
        assertThrows(RuntimeException.class, () -> c.compress(new byte[1], 0, 1, new WireWriter()));
        assertThrows(RuntimeException.class, () -> d.decompress(new byte[1], 0, 1, new WireWriter()));
    }
}
