package ssh.cipher;

import java.util.Set;
import ssh.api.SshException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PacketCipher;

/**
 * The shared shape of {@code aes128-gcm@openssh.com} and {@code aes256-gcm@openssh.com} (RFC 5647
 * as OpenSSH negotiates it: by cipher name, with the MAC ignored): a 12-byte IV, 16-byte blocks and
 * a 16-byte tag.
 */
abstract class GcmCipherFactory implements CipherFactory {
    static final int IV_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    private final String name;
    private final int keyLength;

    GcmCipherFactory(String name, int keyLength) {
        this.name = name;
        this.keyLength = keyLength;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Primitive> requiredPrimitives() {
        return Set.of(Primitive.AES_GCM);
    }

    @Override
    public final int keyLength() {
        return keyLength;
    }

    @Override
    public final int ivLength() {
        return IV_LENGTH;
    }

    @Override
    public final int blockSize() {
        return 16;
    }

    @Override
    public final int tagLength() {
        return TAG_LENGTH;
    }

    /** Either direction may seal or open; {@code encrypt} only documents the caller's intent. */
    @Override
    public final PacketCipher create(boolean encrypt, byte[] key, byte[] iv, CryptoProvider crypto)
            throws SshException {
        Checks.length(name, "key", key, keyLength);
        Checks.length(name, "IV", iv, IV_LENGTH);
        AeadPrimitive aead = crypto.aead(Primitive.AES_GCM);
        if (aead.tagLength() != TAG_LENGTH) {
            throw new SshException(name + " needs a " + TAG_LENGTH + "-byte tag; the provider's AES-GCM has "
                    + aead.tagLength());
        }
        aead.init(key);
        return new GcmCipher(name, aead, iv);
    }

    @Override
    public String toString() {
        return name;
    }
}
