package ssh.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import ssh.api.spi.PayloadCompressor;
import ssh.api.wire.WireWriter;

/**
 * Frames, pads, compresses, encrypts and MACs outgoing packets (RFC 4253 section 6) in one
 * reusable buffer, and writes each packet to the stream with a single write. Not thread-safe: the
 * transport calls it under its write lock.
 */
final class PacketWriter {
    private final OutputStream out;
    private final SecureRandom random;
    /** Small while a connection idles (memory per session); 64 KiB or more once packets need it. */
    private byte[] buf = new byte[8 * 1024];
    private final WireWriter compressed = new WireWriter(1024);
    /** Random padding: at most one block (16 bytes) plus 3, so 32 bytes of randomness a packet suffice. */
    private final byte[] padding = new byte[32];

    private PacketKeys keys = PacketKeys.NONE;
    private PayloadCompressor compressor;
    private boolean compressing;
    private boolean delayedCompression;

    private int sequence;
    private long bytesSinceKeys;
    private long packetsSinceKeys;

    PacketWriter(OutputStream out, SecureRandom random) {
        this.out = out;
        this.random = random;
    }

    /** New keys after NEWKEYS. */
    void install(PacketKeys newKeys) {
        keys.close();
        keys = newKeys;
        bytesSinceKeys = 0;
        packetsSinceKeys = 0;
    }

    /** Sets the compression of this direction (null for none); it lives on across rekeys, as OpenSSH's does. */
    void compression(PayloadCompressor newCompressor, boolean delayed, boolean authenticated) {
        if (compressor != null) {
            compressor.close();
        }
        this.compressor = newCompressor;
        this.delayedCompression = delayed;
        this.compressing = newCompressor != null && (!delayed || authenticated);
    }

    /** Starts delayed compression ({@code zlib@openssh.com}) once authentication has succeeded. */
    void authenticated() {
        if (compressor != null && delayedCompression) {
            compressing = true;
        }
    }

    /** Strict key exchange: the sequence number restarts at zero after each NEWKEYS. */
    void resetSequence() {
        sequence = 0;
    }

    int sequence() {
        return sequence;
    }

    long bytesSinceKeys() {
        return bytesSinceKeys;
    }

    long packetsSinceKeys() {
        return packetsSinceKeys;
    }

    /** Sends {@code payload[off, off+len)} as one packet. */
    void write(byte[] payload, int off, int len) throws IOException {
        if (compressing) {
            compressed.reset();
            compressor.compress(payload, off, len, compressed);
            payload = compressed.array();
            off = 0;
            len = compressed.length();
        }
        PacketKeys k = keys;
        int blockSize = k.blockSize();
        int unpadded = 1 + len + (k.lengthOutside() ? 0 : 4);
        int pad = blockSize - unpadded % blockSize;
        if (pad < 4) {
            pad += blockSize;
        }
        int packetLength = 1 + len + pad;
        int total = 4 + packetLength + k.trailerLength();
        if (buf.length < total) {
            buf = new byte[Math.max(total, Math.max(buf.length * 2, 64 * 1024))];
        }
        buf[0] = (byte) (packetLength >>> 24);
        buf[1] = (byte) (packetLength >>> 16);
        buf[2] = (byte) (packetLength >>> 8);
        buf[3] = (byte) packetLength;
        buf[4] = (byte) pad;
        System.arraycopy(payload, off, buf, 5, len);
        random.nextBytes(padding);
        System.arraycopy(padding, 0, buf, 5 + len, pad);

        int end = 4 + packetLength;
        if (k.aead() != null) {
            k.aead().seal(sequence, buf, 0, end);
        } else if (k.encryptThenMac()) {
            if (k.block() != null) {
                k.block().update(buf, 4, packetLength);
            }
            k.mac().compute(sequence, buf, 0, end, buf, end);
        } else {
            if (k.mac() != null) {
                k.mac().compute(sequence, buf, 0, end, buf, end);
            }
            if (k.block() != null) {
                k.block().update(buf, 0, end);
            }
        }
        out.write(buf, 0, total);
        sequence++;
        bytesSinceKeys += total;
        packetsSinceKeys++;
    }

    void flush() throws IOException {
        out.flush();
    }

    void close() {
        keys.close();
        if (compressor != null) {
            compressor.close();
        }
    }
}
