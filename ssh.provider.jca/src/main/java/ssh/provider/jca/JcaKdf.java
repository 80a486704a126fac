package ssh.provider.jca;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.security.auth.DestroyFailedException;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;

/**
 * PBKDF2 on the JDK's {@code SecretKeyFactory}. The JCA takes the password as characters and
 * encodes them as UTF-8 itself, so the bytes given are decoded as UTF-8 first, which gives the
 * same bytes back; anything else is refused rather than changed.
 */
final class JcaKdf {
    /** The longest output accepted, as in the SPI. */
    static final int MAX_LENGTH = 65536;

    private JcaKdf() {
    }

    static String jcaName(Primitive p) {
        return switch (p) {
            case PBKDF2_HMAC_SHA1 -> "PBKDF2WithHmacSHA1";
            case PBKDF2_HMAC_SHA256 -> "PBKDF2WithHmacSHA256";
            case PBKDF2_HMAC_SHA512 -> "PBKDF2WithHmacSHA512";
            default -> throw new IllegalArgumentException(p.toString());
        };
    }

    static byte[] pbkdf2(Primitive p, byte[] password, byte[] salt, int iterations, int length)
            throws SshCryptoException {
        if (password == null || salt == null || salt.length == 0) {
            throw new SshCryptoException(p + " needs a password and a non-empty salt");
        }
        if (iterations < 1 || length < 1 || length > MAX_LENGTH) {
            throw new SshCryptoException(p + " needs at least one iteration and 1 to " + MAX_LENGTH
                    + " bytes of output, not " + iterations + " iterations and " + length + " bytes");
        }
        char[] chars = utf8(p, password);
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, length * 8);
        Arrays.fill(chars, '\0');
        SecretKey key = null;
        try {
            key = SecretKeyFactory.getInstance(jcaName(p)).generateSecret(spec);
            byte[] out = key.getEncoded();
            if (out == null || out.length != length) {
                throw new SshCryptoException(p + " gave no key of " + length + " bytes");
            }
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SshCryptoException(p + " failed: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
            destroy(key);
        }
    }

    private static char[] utf8(Primitive p, byte[] password) throws SshCryptoException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(password.length);
        try {
            if (decoder.decode(ByteBuffer.wrap(password), chars, true).isError() || decoder.flush(chars).isError()) {
                throw new SshCryptoException(p + " on the JDK takes the password as text: its bytes are not UTF-8");
            }
            return Arrays.copyOf(chars.array(), chars.position());
        } finally {
            Arrays.fill(chars.array(), '\0');
        }
    }

    private static void destroy(SecretKey key) {
        if (key != null && !key.isDestroyed()) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // The JDK's PBKDF2 key wipes its copy of the password when it is collected.
            }
        }
    }
}
