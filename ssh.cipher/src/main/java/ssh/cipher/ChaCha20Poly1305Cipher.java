package ssh.cipher;

import java.util.Arrays;
import java.util.Objects;
import ssh.api.SshException;
import ssh.api.SshMacException;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.Gather;
import ssh.api.crypto.Poly1305Primitive;
import ssh.api.spi.AeadPacketCipher;

/**
 * One direction of {@code chacha20-poly1305@openssh.com}. For the packet with sequence number
 * {@code seqnr} the nonce is {@code seqnr} as a big-endian uint64; K_1 at block 0 encrypts the
 * length field, K_2 at block 0 gives the Poly1305 key and K_2 from block 1 on encrypts the rest.
 * The tag covers the whole encrypted packet. Works in scratch fields: nothing is allocated per packet.
 */
final class ChaCha20Poly1305Cipher implements AeadPacketCipher {
    private static final int TAG = ChaCha20Poly1305.TAG_LENGTH;

    private final byte[] nonce = new byte[8];
    private final byte[] polyKey = new byte[32];
    private final byte[] tag = new byte[TAG];
    /** The length field {@link #packetLength} decrypted, for {@link #open} of the same packet to reuse. */
    private final byte[] length = new byte[4];
    /** Whether {@link #length} holds the length field of the packet numbered {@link #lengthSequence}. */
    private boolean lengthKnown;
    private int lengthSequence;
    /** K_2: the packet after its length field, and the Poly1305 key. */
    private ChaCha20Primitive main;
    /** K_1: the length field only. */
    private ChaCha20Primitive header;
    private Poly1305Primitive poly1305;

    ChaCha20Poly1305Cipher(ChaCha20Primitive main, ChaCha20Primitive header, Poly1305Primitive poly1305) {
        this.main = main;
        this.header = header;
        this.poly1305 = poly1305;
    }

    @Override
    public int packetLength(int sequenceNumber, byte[] buf, int off) {
        checkOpen();
        setNonce(sequenceNumber);
        header.crypt(nonce, 0, buf, off, 4, length, 0);
        lengthKnown = true;
        lengthSequence = sequenceNumber;
        return Checks.uint32(length, 0);
    }

    @Override
    public void seal(int sequenceNumber, byte[] buf, int off, int len) {
        seal(sequenceNumber, buf, off, len, null);
    }

    /** Encrypts the slices where they lie, straight into the packet buffer, with one keying of K_2 for them all. */
    @Override
    public void seal(int sequenceNumber, byte[] buf, int off, Gather rest) {
        seal(sequenceNumber, buf, off, 4 + rest.length(), rest);
    }

    /** Seals the packet at {@code buf[off]}, whose bytes after the length field are in place or, if not null, in {@code rest}. */
    private void seal(int sequenceNumber, byte[] buf, int off, int len, Gather rest) {
        checkOpen();
        Checks.packet(buf, off, len, TAG);
        setNonce(sequenceNumber);
        try {
            derivePolyKey();
            header.crypt(nonce, 0, buf, off, 4, buf, off);
            if (rest == null) {
                main.crypt(nonce, 1, buf, off + 4, len - 4, buf, off + 4);
            } else {
                main.crypt(nonce, 1, rest, buf, off + 4);
            }
            poly1305.mac(polyKey, 0, buf, off, len, buf, off + len);
        } finally {
            Arrays.fill(polyKey, (byte) 0);
        }
    }

    /** Checks the tag over the ciphertext first; only then decrypts the whole packet, length field included. */
    @Override
    public void open(int sequenceNumber, byte[] buf, int off, int len) throws SshMacException {
        verify(sequenceNumber, buf, off, len);
        if (lengthKnown && lengthSequence == sequenceNumber) {
            // packetLength has just decrypted these four bytes: one ChaCha20 keying fewer per packet.
            System.arraycopy(length, 0, buf, off, 4);
        } else {
            header.crypt(nonce, 0, buf, off, 4, buf, off);
        }
        lengthKnown = false;
        main.crypt(nonce, 1, buf, off + 4, len - 4, buf, off + 4);
    }

    /**
     * Checks the tag, then decrypts what follows the length field into {@code out}; {@code in} is
     * left as it was, unless {@code out} overlaps it.
     */
    @Override
    public void open(int sequenceNumber, byte[] in, int off, int len, byte[] out, int outOff) throws SshException {
        Objects.checkFromIndexSize(outOff, len - 4, out.length);
        if (in == out && outOff != off + 4) {
            // ChaCha20 works front to back: an output above its input would overwrite bytes not yet read.
            AeadPacketCipher.super.open(sequenceNumber, in, off, len, out, outOff);
            return;
        }
        verify(sequenceNumber, in, off, len);
        lengthKnown = false;
        main.crypt(nonce, 1, in, off + 4, len - 4, out, outOff);
    }

    /** Sets the nonce for {@code sequenceNumber} and checks the tag after {@code buf[off, off+len)}. */
    private void verify(int sequenceNumber, byte[] buf, int off, int len) throws SshMacException {
        checkOpen();
        Checks.packet(buf, off, len, TAG);
        setNonce(sequenceNumber);
        boolean ok;
        try {
            derivePolyKey();
            poly1305.mac(polyKey, 0, buf, off, len, tag, 0);
            ok = ConstantTime.equals(tag, 0, buf, off + len, TAG);
        } finally {
            Arrays.fill(polyKey, (byte) 0);
            Arrays.fill(tag, (byte) 0);
        }
        if (!ok) {
            throw new SshMacException("chacha20-poly1305@openssh.com tag does not verify (packet "
                    + Integer.toUnsignedString(sequenceNumber) + ")");
        }
    }

    /** The first 32 bytes of K_2's key stream at block 0. */
    private void derivePolyKey() {
        Arrays.fill(polyKey, (byte) 0);
        main.crypt(nonce, 0, polyKey, 0, polyKey.length, polyKey, 0);
    }

    /** The sequence number, unsigned, as a big-endian uint64: four zero bytes, then the number. */
    private void setNonce(int sequenceNumber) {
        Checks.putUint32(nonce, 4, sequenceNumber);
    }

    private void checkOpen() {
        if (main == null) {
            throw new IllegalStateException("chacha20-poly1305@openssh.com cipher is closed");
        }
    }

    /** Wipes the scratch fields and drops the keyed primitives, which offer no way to wipe their keys. */
    @Override
    public void close() {
        Arrays.fill(polyKey, (byte) 0);
        Arrays.fill(tag, (byte) 0);
        Arrays.fill(length, (byte) 0);
        main = null;
        header = null;
        poly1305 = null;
    }
}
