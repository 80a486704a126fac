package ssh.auth.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import ssh.api.SshCryptoException;
import ssh.api.crypto.CipherPrimitive;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;

/**
 * What the encrypted key formats share: asking for the passphrase, the block ciphers they name,
 * CBC decryption with or without PKCS#7 padding, and OpenSSL's {@code EVP_BytesToKey}. Everything
 * is computed by the crypto provider; this class only arranges it.
 */
final class KeyCrypto {
    private KeyCrypto() {
    }

    /** A CBC cipher a key file names, with its key and block sizes. */
    enum Cbc {
        AES_128(Primitive.AES_CBC, 16, 16),
        AES_192(Primitive.AES_CBC, 24, 16),
        AES_256(Primitive.AES_CBC, 32, 16),
        DES_EDE3(Primitive.TRIPLE_DES_CBC, 24, 8);

        final Primitive primitive;
        final int keyLength;
        final int blockSize;

        Cbc(Primitive primitive, int keyLength, int blockSize) {
            this.primitive = primitive;
            this.keyLength = keyLength;
            this.blockSize = blockSize;
        }
    }

    /**
     * The passphrase for {@code description} as UTF-8 bytes, which the caller wipes. No answer, or
     * one with no UTF-8 form, is a {@link WrongPassphraseException}.
     */
    static byte[] passphrase(PassphraseSource source, String description) throws IOException {
        char[] chars = source == null ? null : source.passphrase(description);
        if (chars == null) {
            throw new WrongPassphraseException(description + " is encrypted and no passphrase was given");
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer out = ByteBuffer.allocate(chars.length * 3);
        try {
            if (encoder.encode(CharBuffer.wrap(chars), out, true).isError() || encoder.flush(out).isError()) {
                throw new WrongPassphraseException("the passphrase for " + description + " is not valid Unicode");
            }
            return Arrays.copyOf(out.array(), out.position());
        } finally {
            Arrays.fill(chars, '\0');
            Arrays.fill(out.array(), (byte) 0);
        }
    }

    /**
     * Decrypts {@code data} in CBC mode; with {@code pkcs7} the padding is checked and removed, and
     * bad padding (the usual sign of a wrong passphrase) is a {@link WrongPassphraseException}.
     * The caller wipes the result; {@code key} is wiped here.
     */
    static byte[] decrypt(CryptoProvider crypto, Cbc cbc, byte[] key, byte[] iv, byte[] data, boolean pkcs7,
            String description) throws KeyFormatException {
        try {
            if (data.length == 0 || data.length % cbc.blockSize != 0) {
                throw new KeyFormatException("the encrypted part of " + description + " is " + data.length
                        + " bytes, not a positive multiple of the " + cbc.blockSize + "-byte block");
            }
            CipherPrimitive cipher = cipher(crypto, cbc);
            byte[] out = new byte[data.length];
            try {
                cipher.init(false, key, iv);
                cipher.update(data, 0, data.length, out, 0);
            } catch (SshCryptoException e) {
                Arrays.fill(out, (byte) 0);
                throw new KeyFormatException("cannot decrypt " + description + ": " + e.getMessage(), e);
            }
            if (!pkcs7) {
                return out;
            }
            int pad = out[out.length - 1] & 0xff;
            boolean ok = pad >= 1 && pad <= cbc.blockSize;
            for (int i = 1; ok && i <= pad; i++) {
                ok = (out[out.length - i] & 0xff) == pad;
            }
            if (!ok) {
                Arrays.fill(out, (byte) 0);
                throw new WrongPassphraseException("wrong passphrase for " + description
                        + " (the decrypted data is not padded as it must be)");
            }
            byte[] plain = Arrays.copyOf(out, out.length - pad);
            Arrays.fill(out, (byte) 0);
            return plain;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static CipherPrimitive cipher(CryptoProvider crypto, Cbc cbc) throws KeyFormatException {
        try {
            return crypto.cipher(cbc.primitive);
        } catch (SshCryptoException e) {
            throw new KeyFormatException("the key file's cipher is not available: " + e.getMessage(), e);
        }
    }

    /**
     * OpenSSL's {@code EVP_BytesToKey} with MD5 and one iteration, as its legacy PEM encryption uses:
     * D1 = MD5(passphrase || salt), Di = MD5(Di-1 || passphrase || salt), the key the first
     * {@code length} bytes of D1 || D2 || ....
     */
    static byte[] evpBytesToKey(CryptoProvider crypto, byte[] passphrase, byte[] salt, int length)
            throws KeyFormatException {
        DigestPrimitive md5 = digest(crypto, Primitive.MD5);
        byte[] out = new byte[length];
        byte[] d = new byte[md5.length()];
        int have = 0;
        for (boolean first = true; have < length; first = false) {
            if (!first) {
                md5.update(d, 0, d.length);
            }
            md5.update(passphrase, 0, passphrase.length);
            md5.update(salt, 0, salt.length);
            md5.digest(d, 0);
            int n = Math.min(d.length, length - have);
            System.arraycopy(d, 0, out, have, n);
            have += n;
        }
        Arrays.fill(d, (byte) 0);
        return out;
    }

    static DigestPrimitive digest(CryptoProvider crypto, Primitive p) throws KeyFormatException {
        try {
            return crypto.digest(p);
        } catch (SshCryptoException e) {
            throw new KeyFormatException("reading the key file needs " + p + ": " + e.getMessage(), e);
        }
    }
}
