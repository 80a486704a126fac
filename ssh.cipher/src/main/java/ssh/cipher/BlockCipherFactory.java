package ssh.cipher;

import java.util.Set;
import ssh.api.SshException;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PacketCipher;

/**
 * The shared shape of the non-authenticating ciphers (CTR and CBC modes): a name, one cipher
 * primitive and its sizes. The transport pairs them with a negotiated MAC.
 */
abstract class BlockCipherFactory implements CipherFactory {
    private final String name;
    private final Primitive primitive;
    private final int keyLength;
    private final int ivLength;
    private final int blockSize;

    BlockCipherFactory(String name, Primitive primitive, int keyLength, int ivLength, int blockSize) {
        this.name = name;
        this.primitive = primitive;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.blockSize = blockSize;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Primitive> requiredPrimitives() {
        return Set.of(primitive);
    }

    @Override
    public final int keyLength() {
        return keyLength;
    }

    @Override
    public final int ivLength() {
        return ivLength;
    }

    @Override
    public final int blockSize() {
        return blockSize;
    }

    @Override
    public final int tagLength() {
        return 0;
    }

    @Override
    public final PacketCipher create(boolean encrypt, byte[] key, byte[] iv, CryptoProvider crypto)
            throws SshException {
        Checks.length(name, "key", key, keyLength);
        Checks.length(name, "IV", iv, ivLength);
        CipherPrimitive cipher = crypto.cipher(primitive);
        cipher.init(encrypt, key, iv);
        return new BlockCipher(cipher, blockSize);
    }

    @Override
    public String toString() {
        return name;
    }
}
