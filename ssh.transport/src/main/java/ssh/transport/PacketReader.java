package ssh.transport;

import java.io.IOException;
import java.io.InputStream;
import ssh.api.SshException;
import ssh.api.SshMacException;
import ssh.api.SshProtocolException;
import ssh.api.spi.AeadPacketCipher;
import ssh.api.spi.BlockPacketCipher;
import ssh.api.spi.PacketMac;
import ssh.api.spi.PayloadDecompressor;
import ssh.api.wire.ByteSlice;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.WireWriter;

/**
 * Reads the stream in large chunks into one reusable buffer and decodes packets from it: length
 * checks before anything grows, MAC or tag checked before a payload is released, padding rules
 * enforced (RFC 4253 section 6). A block cipher decrypts in place; an AEAD cipher decrypts into a
 * second buffer, which costs no copy (a JDK AES-GCM decryption runs at full speed only into
 * another array). A payload returned stays valid until the next {@link #read()}. Not thread-safe:
 * only the reader loop calls it.
 */
final class PacketReader {
    private final InputStream in;
    private final int maxPacket;
    /** Small while a connection idles (memory per session); grows as {@link BufferSizes} says. */
    private byte[] buf = new byte[BufferSizes.INITIAL];
    private int pos;
    private int limit;
    /** An AEAD packet's plaintext after its length field; grows from empty as {@link BufferSizes} says. */
    private byte[] plain = new byte[0];
    private final byte[] macScratch = new byte[64];
    private final WireWriter inflated = new WireWriter(16);

    private PacketKeys keys = PacketKeys.NONE;
    private PayloadDecompressor decompressor;
    private boolean decompressing;
    private boolean delayedCompression;

    private int sequence;
    private int lastSequence;
    private long bytesSinceKeys;
    private long packetsSinceKeys;

    PacketReader(InputStream in, int maxPacket) {
        this.in = in;
        this.maxPacket = maxPacket;
    }

    /** New keys after the peer's NEWKEYS. */
    void install(PacketKeys newKeys) {
        keys.close();
        keys = newKeys;
        bytesSinceKeys = 0;
        packetsSinceKeys = 0;
    }

    /** Sets the compression of this direction (null for none); it lives on across rekeys, as OpenSSH's does. */
    void compression(PayloadDecompressor newDecompressor, boolean delayed, boolean authenticated) {
        if (decompressor != null) {
            decompressor.close();
        }
        this.decompressor = newDecompressor;
        this.delayedCompression = delayed;
        this.decompressing = newDecompressor != null && (!delayed || authenticated);
    }

    void authenticated() {
        if (decompressor != null && delayedCompression) {
            decompressing = true;
        }
    }

    void resetSequence() {
        sequence = 0;
    }

    /** The sequence number of the packet last returned by {@link #read()}. */
    int lastSequence() {
        return lastSequence;
    }

    long bytesSinceKeys() {
        return bytesSinceKeys;
    }

    long packetsSinceKeys() {
        return packetsSinceKeys;
    }

    /** The next payload. */
    ByteSlice read() throws IOException {
        int packetLength;
        PacketKeys k = keys;
        int trailer = k.trailerLength();
        int blockSize = k.blockSize();
        AeadPacketCipher aead = k.aead();
        BlockPacketCipher block = k.block();
        PacketMac mac = k.mac();
        if (aead != null) {
            fill(4);
            packetLength = aead.packetLength(sequence, buf, pos);
            checkLength(packetLength);
            fill(4 + packetLength + trailer);
            if (plain.length < packetLength) {
                plain = new byte[BufferSizes.grown(plain.length, packetLength, maxPacket)];
            }
            aead.open(sequence, buf, pos, 4 + packetLength, plain, 0);
        } else if (k.encryptThenMac()) {
            fill(4);
            packetLength = getInt(pos);
            checkLength(packetLength);
            fill(4 + packetLength + trailer);
            if (!mac.verify(sequence, buf, pos, 4 + packetLength, buf, pos + 4 + packetLength)) {
                throw macError();
            }
            if (block != null) {
                block.update(buf, pos + 4, packetLength);
            }
        } else {
            fill(blockSize);
            if (block != null) {
                block.update(buf, pos, blockSize);
            }
            packetLength = getInt(pos);
            if (block != null) {
                // Encrypt-and-MAC with a cipher: the length is unauthenticated (see discardAndFail).
                if (!validLength(packetLength) || !readAtLeast(4 + packetLength + trailer)) {
                    throw discardAndFail(mac);
                }
            } else {
                checkLength(packetLength);
                fill(4 + packetLength + trailer);
            }
            if (block != null && 4 + packetLength > blockSize) {
                block.update(buf, pos + blockSize, 4 + packetLength - blockSize);
            }
            if (mac != null) {
                mac.compute(sequence, buf, pos, 4 + packetLength, macScratch, 0);
                if (!ssh.api.crypto.ConstantTime.equals(macScratch, 0, buf, pos + 4 + packetLength, trailer)) {
                    throw block != null ? discardAndFail(mac) : macError();
                }
            }
        }
        // The plaintext after the length field: the padding-length byte, the payload, the padding.
        byte[] packet = aead != null ? plain : buf;
        int at = aead != null ? 0 : pos + 4;
        int padding = packet[at] & 0xff;
        int payloadLength = packetLength - 1 - padding;
        if (padding < 4 || payloadLength < 1) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "bad padding: " + padding + " bytes in a packet of " + packetLength);
        }
        int payloadOffset = at + 1;
        int total = 4 + packetLength + trailer;
        pos += total;
        lastSequence = sequence++;
        bytesSinceKeys += total;
        packetsSinceKeys++;
        if (decompressing) {
            inflated.reset();
            decompressor.decompress(packet, payloadOffset, payloadLength, inflated);
            if (inflated.length() < 1) {
                throw new SshProtocolException(DisconnectReason.COMPRESSION_ERROR, "empty payload after decompression");
            }
            return new ByteSlice(inflated.array(), 0, inflated.length());
        }
        return new ByteSlice(packet, payloadOffset, payloadLength);
    }

    private boolean validLength(int packetLength) {
        int aligned = keys.lengthOutside() ? packetLength : packetLength + 4;
        return packetLength >= 5 && packetLength <= maxPacket && aligned % keys.blockSize() == 0;
    }

    private void checkLength(int packetLength) throws SshException {
        if (!validLength(packetLength)) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR, "bad packet length "
                    + Integer.toUnsignedString(packetLength) + " (limit " + maxPacket + ", block size " + keys.blockSize() + ")");
        }
    }

    private SshMacException macError() {
        return new SshMacException("MAC error on packet " + Integer.toUnsignedString(sequence));
    }

    /**
     * The countermeasure to the plaintext-recovery attack on SSH's encrypt-and-MAC modes
     * (Albrecht, Paterson, Watson 2009; OpenSSH 5.2's discard mode). There the length is decrypted
     * and used before anything is authenticated, so an attacker who splices a ciphertext block into
     * the stream as the start of a packet and counts the bytes the receiver takes before it gives
     * up learns whether those 4 decrypted bytes were a valid length, and which. So a bad length, a
     * MAC that does not verify and an end of stream inside the packet all end the same way: the
     * input is read and dropped (into the existing buffer) until this packet has taken
     * {@code 4 + maxPacket + trailer} bytes, the longest packet this reader accepts, and only then
     * (or at end of stream) comes the MAC error, with the message a MAC failure gives. The number
     * of bytes the peer can send no longer depends on what the length decrypted to. As OpenSSH does,
     * the dropped bytes also go through the MAC, so that the time taken does not tell either.
     */
    private SshMacException discardAndFail(PacketMac mac) throws IOException {
        long remaining = 4L + maxPacket + keys.trailerLength() - (limit - pos);
        if (mac != null && limit > pos) {
            mac.compute(sequence, buf, pos, limit - pos, macScratch, 0);
        }
        pos = 0;
        limit = 0;
        while (remaining > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (r < 0) {
                break;
            }
            if (mac != null) {
                mac.compute(sequence, buf, 0, r, macScratch, 0);
            }
            remaining -= r;
        }
        return macError();
    }

    /** Makes sure {@code n} bytes from {@code pos} are in the buffer, reading more as needed. */
    private void fill(int n) throws IOException {
        if (!readAtLeast(n)) {
            throw new SshException(DisconnectReason.CONNECTION_LOST, "connection closed by peer", null);
        }
    }

    /** Like {@link #fill} but false at end of stream. */
    private boolean readAtLeast(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos == limit) {
            // Nothing buffered (the last read ended on a packet boundary): read to the front, so that
            // a long packet is not read into the tail and then moved there.
            pos = 0;
            limit = 0;
        }
        if (pos + n > buf.length) {
            byte[] target = n <= buf.length ? buf : new byte[BufferSizes.grown(buf.length, n, maxPacket + 256)];
            System.arraycopy(buf, pos, target, 0, limit - pos);
            limit -= pos;
            pos = 0;
            buf = target;
        }
        while (limit - pos < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                return false;
            }
            limit += r;
        }
        return true;
    }

    private int getInt(int at) {
        return (buf[at] & 0xff) << 24 | (buf[at + 1] & 0xff) << 16 | (buf[at + 2] & 0xff) << 8 | buf[at + 3] & 0xff;
    }

    void close() {
        keys.close();
        if (decompressor != null) {
            decompressor.close();
        }
    }
}
