package ssh.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import ssh.api.crypto.Gather;
import ssh.api.spi.AeadPacketCipher;
import ssh.api.spi.PayloadCompressor;
import ssh.api.wire.WireWriter;

/**
 * Frames, pads, compresses, encrypts and MACs outgoing packets (RFC 4253 section 6) in one
 * reusable buffer, and writes each packet to the stream with a single write. A payload may come in
 * two parts (a message header and the caller's data). An AEAD cipher encrypts them from where they
 * lie straight into the packet buffer (a {@link Gather} of the padding-length byte, both parts and
 * the padding); otherwise each part is copied once into the packet buffer and encrypted there in
 * place. Nothing is allocated per packet once the buffer has grown (ARCHITECTURE.md section 4).
 * Not thread-safe: the transport calls it under its write lock.
 */
final class PacketWriter {
    private final OutputStream out;
    private final SecureRandom random;
    /** Small while a connection idles (memory per session); grows as {@link BufferSizes} says. */
    private byte[] buf = new byte[BufferSizes.INITIAL];
    private final WireWriter compressed = new WireWriter(16);
    /** A two-part payload joined for the compressor, which takes one slice. */
    private final WireWriter joined = new WireWriter(16);
    /**
     * Random padding, drawn from the random source in batches: at most one block (16 bytes) plus 3
     * per packet, and a fresh slice of this pool for every packet (none is used twice).
     */
    private final byte[] padding = new byte[256];
    private int paddingUsed = padding.length;
    /** An AEAD packet's plaintext after its length field, as slices; and its padding-length byte. */
    private final Gather plaintext = new Gather();
    private final byte[] paddingLength = new byte[1];

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
        write(payload, off, len, payload, off, 0);
    }

    /** Sends {@code head[headOff, headOff+headLen)} followed by {@code body[off, off+len)} as one packet's payload. */
    void write(byte[] head, int headOff, int headLen, byte[] body, int off, int len) throws IOException {
        if (compressing) {
            if (len > 0) {
                joined.reset().writeBytes(head, headOff, headLen).writeBytes(body, off, len);
                head = joined.array();
                headOff = 0;
                headLen = joined.length();
            }
            compressed.reset();
            compressor.compress(head, headOff, headLen, compressed);
            head = compressed.array();
            headOff = 0;
            headLen = compressed.length();
            len = 0;
        }
        seal(head, headOff, headLen, body, off, len);
    }

    private void seal(byte[] head, int headOff, int headLen, byte[] body, int off, int bodyLen) throws IOException {
        int len = headLen + bodyLen;
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
            buf = new byte[BufferSizes.grown(buf.length, total, Integer.MAX_VALUE)];
        }
        buf[0] = (byte) (packetLength >>> 24);
        buf[1] = (byte) (packetLength >>> 16);
        buf[2] = (byte) (packetLength >>> 8);
        buf[3] = (byte) packetLength;
        if (paddingUsed + pad > padding.length) {
            random.nextBytes(padding);
            paddingUsed = 0;
        }
        int padAt = paddingUsed;
        paddingUsed += pad;

        int end = 4 + packetLength;
        AeadPacketCipher aead = k.aead();
        if (aead != null) {
            paddingLength[0] = (byte) pad;
            plaintext.clear().add(paddingLength, 0, 1).add(head, headOff, headLen).add(body, off, bodyLen)
                    .add(padding, padAt, pad);
            aead.seal(sequence, buf, 0, plaintext);
            plaintext.clear();
        } else {
            buf[4] = (byte) pad;
            System.arraycopy(head, headOff, buf, 5, headLen);
            System.arraycopy(body, off, buf, 5 + headLen, bodyLen);
            System.arraycopy(padding, padAt, buf, 5 + len, pad);
            if (k.encryptThenMac()) {
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
