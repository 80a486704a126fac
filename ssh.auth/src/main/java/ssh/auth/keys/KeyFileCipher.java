package ssh.auth.keys;

import java.util.Arrays;
import java.util.Optional;
import ssh.api.SshCryptoException;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * The ciphers OpenSSH can protect an {@code openssh-key-v1} private section with, as OpenSSH's
 * cipher table sizes them. The key and the IV are one KDF output, key first. An authenticated
 * cipher's tag follows the encrypted section in the file, outside its length. Each call encrypts
 * or decrypts one whole section in place, as OpenSSH does with sequence number 0: AES-GCM uses the
 * derived 12-byte IV as its nonce with no associated data; chacha20-poly1305 uses the first 32
 * key bytes, nonce 0, block 0 for the Poly1305 key and block 1 onwards for the data.
 */
enum KeyFileCipher {
    AES128_CTR("aes128-ctr", Primitive.AES_CTR, 16, 16, 16, 0),
    AES192_CTR("aes192-ctr", Primitive.AES_CTR, 24, 16, 16, 0),
    AES256_CTR("aes256-ctr", Primitive.AES_CTR, 32, 16, 16, 0),
    AES128_CBC("aes128-cbc", Primitive.AES_CBC, 16, 16, 16, 0),
    AES192_CBC("aes192-cbc", Primitive.AES_CBC, 24, 16, 16, 0),
    AES256_CBC("aes256-cbc", Primitive.AES_CBC, 32, 16, 16, 0),
    TRIPLE_DES_CBC("3des-cbc", Primitive.TRIPLE_DES_CBC, 24, 8, 8, 0),
    AES128_GCM("aes128-gcm@openssh.com", Primitive.AES_GCM, 16, 12, 16, 16),
    AES256_GCM("aes256-gcm@openssh.com", Primitive.AES_GCM, 32, 12, 16, 16),
    CHACHA20_POLY1305("chacha20-poly1305@openssh.com", Primitive.CHACHA20, 64, 0, 8, 16);

    private static final int CHACHA_KEY = 32;

    private final String sshName;
    private final Primitive primitive;
    private final int keyLength;
    private final int ivLength;
    private final int blockSize;
    private final int tagLength;

    KeyFileCipher(String sshName, Primitive primitive, int keyLength, int ivLength, int blockSize, int tagLength) {
        this.sshName = sshName;
        this.primitive = primitive;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.blockSize = blockSize;
        this.tagLength = tagLength;
    }

    /** The cipher OpenSSH calls {@code name}, if it is one of these. */
    static Optional<KeyFileCipher> named(String name) {
        return Arrays.stream(values()).filter(c -> c.sshName.equals(name)).findFirst();
    }

    String sshName() {
        return sshName;
    }

    /** Bytes the KDF must produce: the key, then the IV. */
    int keyAndIvLength() {
        return keyLength + ivLength;
    }

    /** The section's length must be a multiple of this. */
    int blockSize() {
        return blockSize;
    }

    /** Bytes of the tag after the section; 0 for unauthenticated ciphers. */
    int tagLength() {
        return tagLength;
    }

    /** Encrypts {@code buf[0, len)} in place and writes the tag (if any) at {@code buf[len]}. */
    void encrypt(CryptoProvider crypto, byte[] keyAndIv, byte[] buf, int len) throws SshCryptoException {
        try {
            crypt(crypto, true, keyAndIv, buf, len);
        } catch (SshMacException e) {
            throw new IllegalStateException("encryption checked a tag", e); // only decryption checks tags
        }
    }

    /**
     * Checks the tag at {@code buf[len]} (if any) and decrypts {@code buf[0, len)} in place; a tag
     * that does not verify is an {@link SshMacException} and leaves the buffer encrypted.
     */
    void decrypt(CryptoProvider crypto, byte[] keyAndIv, byte[] buf, int len) throws SshMacException,
            SshCryptoException {
        crypt(crypto, false, keyAndIv, buf, len);
    }

    private void crypt(CryptoProvider crypto, boolean encrypt, byte[] keyAndIv, byte[] buf, int len)
            throws SshMacException, SshCryptoException {
        if (keyAndIv.length != keyAndIvLength() || len % blockSize != 0 || buf.length < len + tagLength) {
            throw new IllegalArgumentException(sshName + ": wrong key, IV or buffer size");
        }
        byte[] key = Arrays.copyOf(keyAndIv, keyLength);
        byte[] iv = Arrays.copyOfRange(keyAndIv, keyLength, keyAndIvLength());
        try {
            switch (primitive) {
                case AES_GCM -> {
                    AeadPrimitive gcm = crypto.aead(primitive);
                    gcm.init(key);
                    if (encrypt) {
                        gcm.seal(iv, new byte[0], 0, 0, buf, 0, len);
                    } else {
                        gcm.open(iv, new byte[0], 0, 0, buf, 0, len);
                    }
                }
                case CHACHA20 -> chachaPoly(crypto, encrypt, key, buf, len);
                default -> {
                    CipherPrimitive c = crypto.cipher(primitive);
                    c.init(encrypt, key, iv);
                    c.update(buf, 0, len, buf, 0);
                }
            }
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    private static void chachaPoly(CryptoProvider crypto, boolean encrypt, byte[] key, byte[] buf, int len)
            throws SshMacException, SshCryptoException {
        ChaCha20Primitive chacha = crypto.chacha20();
        byte[] nonce = new byte[8]; // sequence number 0
        byte[] mainKey = Arrays.copyOf(key, CHACHA_KEY);
        byte[] polyKey = new byte[CHACHA_KEY];
        byte[] tag = new byte[16];
        try {
            chacha.init(mainKey);
            chacha.crypt(nonce, 0, polyKey, 0, polyKey.length, polyKey, 0);
            if (!encrypt) {
                crypto.poly1305().mac(polyKey, 0, buf, 0, len, tag, 0);
                if (!ConstantTime.equals(tag, 0, buf, len, tag.length)) {
                    throw new SshMacException("chacha20-poly1305 tag does not verify");
                }
            }
            chacha.crypt(nonce, 1, buf, 0, len, buf, 0);
            if (encrypt) {
                crypto.poly1305().mac(polyKey, 0, buf, 0, len, buf, len);
            }
        } finally {
            Arrays.fill(mainKey, (byte) 0);
            Arrays.fill(polyKey, (byte) 0);
        }
    }
}
