package ssh.cipher;

import java.util.Arrays;
import java.util.Set;
import ssh.api.SshException;
import ssh.api.algorithms.CipherNames;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PacketCipher;

/**
 * {@code chacha20-poly1305@openssh.com} (OpenSSH's PROTOCOL.chacha20poly1305): two ChaCha20
 * instances keyed from 64 bytes of key material, one for the length field and one for the rest of
 * the packet and the one-time Poly1305 key.
 */
public final class ChaCha20Poly1305 implements CipherFactory {
    static final int KEY_LENGTH = 64;
    static final int TAG_LENGTH = 16;

    public ChaCha20Poly1305() {
    }

    @Override
    public String name() {
        return CipherNames.CHACHA20_POLY1305;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of(Primitive.CHACHA20, Primitive.POLY1305);
    }

    @Override
    public int keyLength() {
        return KEY_LENGTH;
    }

    @Override
    public int ivLength() {
        return 0;
    }

    @Override
    public int blockSize() {
        return 8;
    }

    @Override
    public int tagLength() {
        return TAG_LENGTH;
    }

    /**
     * The first 32 key bytes are K_2 (packet and Poly1305 key), the last 32 are K_1 (length field
     * only). Either direction may seal or open; {@code encrypt} only documents the caller's intent.
     */
    @Override
    public PacketCipher create(boolean encrypt, byte[] key, byte[] iv, CryptoProvider crypto) throws SshException {
        Checks.length(name(), "key", key, KEY_LENGTH);
        if (iv != null && iv.length != 0) {
            throw new SshException(name() + " takes no IV, got " + iv.length + " bytes");
        }
        byte[] k2 = Arrays.copyOfRange(key, 0, 32);
        byte[] k1 = Arrays.copyOfRange(key, 32, 64);
        try {
            ChaCha20Primitive main = crypto.chacha20();
            main.init(k2);
            ChaCha20Primitive header = crypto.chacha20();
            header.init(k1);
            return new ChaCha20Poly1305Cipher(main, header, crypto.poly1305());
        } finally {
            Arrays.fill(k2, (byte) 0);
            Arrays.fill(k1, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
