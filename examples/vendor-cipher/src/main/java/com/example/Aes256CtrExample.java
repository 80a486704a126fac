package com.example;

import java.util.Set;
import ssh.api.SshCryptoException;
import ssh.api.SshException;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.BlockPacketCipher;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PacketCipher;

/**
 * {@code aes256-ctr-example@vendor.test}: AES with a 256-bit key in counter mode, the construction
 * of RFC 4344's {@code aes256-ctr}, offered under a vendor's own name. The AES itself comes from
 * whichever crypto provider the connection's chain names, so this class never touches a crypto
 * library. Like any name outside secsh's defaults, it is used only when configuration asks for it:
 * {@code .ciphers("aes256-ctr-example@vendor.test")}, or {@code "+aes256-ctr-example@vendor.test"}
 * to add it after the defaults.
 *
 * <p>One file is the whole algorithm: this factory, which the transport asks for sizes, and the
 * per-direction cipher it creates at each key exchange.
 */
public final class Aes256CtrExample implements CipherFactory {
    /** The SSH name: a vendor's own names end in {@code @} and a domain it controls (RFC 4251 section 6). */
    public static final String NAME = "aes256-ctr-example@vendor.test";

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 16;
    private static final int BLOCK_BYTES = 16;

    /** The public no-argument constructor that {@link java.util.ServiceLoader} calls. */
    public Aes256CtrExample() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The registry offers this cipher only where the provider chain supplies AES-CTR. */
    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of(Primitive.AES_CTR);
    }

    @Override
    public int keyLength() {
        return KEY_BYTES;
    }

    @Override
    public int ivLength() {
        return IV_BYTES;
    }

    @Override
    public int blockSize() {
        return BLOCK_BYTES;
    }

    /** Not an AEAD cipher: the transport pairs it with the negotiated MAC. */
    @Override
    public int tagLength() {
        return 0;
    }

    @Override
    public PacketCipher create(boolean encrypt, byte[] key, byte[] iv, CryptoProvider crypto) throws SshException {
        requireLength("key", key, KEY_BYTES);
        requireLength("IV", iv, IV_BYTES);
        CipherPrimitive aes = crypto.cipher(Primitive.AES_CTR);
        aes.init(encrypt, key, iv);
        return new Direction(aes);
    }

    private static void requireLength(String what, byte[] bytes, int expected) throws SshCryptoException {
        if (bytes == null || bytes.length != expected) {
            throw new SshCryptoException(NAME + " needs a " + what + " of " + expected + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
    }

    @Override
    public String toString() {
        return NAME;
    }

    /**
     * One direction: whole blocks transformed in place, the counter running on from one packet to
     * the next, as the SSH packet stream needs (RFC 4344 section 4).
     */
    private static final class Direction implements BlockPacketCipher {
        private CipherPrimitive aes;

        Direction(CipherPrimitive aes) {
            this.aes = aes;
        }

        @Override
        public void update(byte[] buf, int off, int len) {
            CipherPrimitive c = aes;
            if (c == null) {
                throw new IllegalStateException(NAME + " is closed");
            }
            if (len % BLOCK_BYTES != 0) {
                throw new IllegalArgumentException(len + " bytes is not a whole number of " + BLOCK_BYTES
                        + "-byte blocks");
            }
            c.update(buf, off, len, buf, off);
        }

        /** Lets go of the keyed primitive; {@link CipherPrimitive} has no call that wipes its key schedule. */
        @Override
        public void close() {
            aes = null;
        }
    }
}
