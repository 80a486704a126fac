package ssh.cipher;

import java.util.Arrays;
import ssh.api.SshException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.Gather;
import ssh.api.spi.AeadPacketCipher;

/**
 * One direction of AES-GCM for SSH (RFC 5647 section 7): the packet length travels in the clear as
 * the additional authenticated data, and the nonce is a 4-byte fixed field followed by an 8-byte
 * invocation counter that goes up by one after every packet, whatever its sequence number.
 */
final class GcmCipher implements AeadPacketCipher {
    private final String name;
    /** The fixed field, then the invocation counter (big-endian), in place. */
    private final byte[] nonce;
    private AeadPrimitive aead;

    GcmCipher(String name, AeadPrimitive aead, byte[] iv) {
        this.name = name;
        this.aead = aead;
        this.nonce = iv.clone();
    }

    @Override
    public int packetLength(int sequenceNumber, byte[] buf, int off) {
        return Checks.uint32(buf, off);
    }

    @Override
    public void seal(int sequenceNumber, byte[] buf, int off, int len) throws SshException {
        AeadPrimitive a = primitive();
        Checks.packet(buf, off, len, GcmCipherFactory.TAG_LENGTH);
        try {
            a.seal(nonce, buf, off, 4, buf, off + 4, len - 4);
        } finally {
            nextNonce();
        }
    }

    @Override
    public void open(int sequenceNumber, byte[] buf, int off, int len) throws SshException {
        AeadPrimitive a = primitive();
        Checks.packet(buf, off, len, GcmCipherFactory.TAG_LENGTH);
        try {
            a.open(nonce, buf, off, 4, buf, off + 4, len - 4);
        } finally {
            nextNonce();
        }
    }

    /** Encrypts the slices where they lie, straight into the packet buffer. */
    @Override
    public void seal(int sequenceNumber, byte[] buf, int off, Gather rest) throws SshException {
        AeadPrimitive a = primitive();
        Checks.packet(buf, off, 4 + rest.length(), GcmCipherFactory.TAG_LENGTH);
        try {
            a.seal(nonce, buf, off, 4, rest, buf, off + 4);
        } finally {
            nextNonce();
        }
    }

    /** Decrypts into {@code out}: straight, with a primitive that has its own open into another array. */
    @Override
    public void open(int sequenceNumber, byte[] in, int off, int len, byte[] out, int outOff) throws SshException {
        AeadPrimitive a = primitive();
        Checks.packet(in, off, len, GcmCipherFactory.TAG_LENGTH);
        try {
            a.open(nonce, in, off, 4, in, off + 4, len - 4, out, outOff);
        } finally {
            nextNonce();
        }
    }

    /** Adds one to the 64-bit invocation counter in the last 8 nonce bytes, wrapping as OpenSSH does. */
    private void nextNonce() {
        for (int i = nonce.length - 1; i >= 4; i--) {
            if (++nonce[i] != 0) {
                return;
            }
        }
    }

    private AeadPrimitive primitive() {
        AeadPrimitive a = aead;
        if (a == null) {
            throw new IllegalStateException(name + " cipher is closed");
        }
        return a;
    }

    /** Wipes the nonce and drops the keyed primitive, which offers no way to wipe its own key. */
    @Override
    public void close() {
        Arrays.fill(nonce, (byte) 0);
        aead = null;
    }
}
