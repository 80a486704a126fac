package ssh.provider.jca;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import ssh.api.SshCryptoException;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;

/**
 * AES-GCM with a 16-byte tag through {@link javax.crypto.Cipher}. {@link #open} decrypts into a
 * scratch array of its own and copies the plaintext back only once the tag has verified: the JDK
 * runs its fused AES-CTR and GHASH intrinsic only when a decryption's output is another array
 * (decrypting in place it hashes and then decrypts, two passes: 1.7 times the time at 32 KiB), and a tag
 * that does not verify leaves the caller's ciphertext as it was, with no plaintext anywhere.
 */
final class JcaGcm implements AeadPrimitive {
    private static final int TAG = 16;

    private final Cipher cipher;
    private SecretKeySpec key;
    /** Grows to the longest message opened so far (a packet); keeps the last plaintext, as the reader's buffer does. */
    private byte[] scratch = new byte[0];

    JcaGcm() throws GeneralSecurityException {
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
    }

    @Override
    public void init(byte[] key) throws SshCryptoException {
        if (!Checks.oneOf(key.length, 16, 24, 32)) {
            throw new SshCryptoException("AES-GCM key of " + key.length + " bytes; expected 16, 24 or 32");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    @Override
    public int tagLength() {
        return TAG;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshCryptoException {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, requireKey(), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad, aadOff, aadLen);
            cipher.doFinal(buf, off, len, buf, off);
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshMacException, SshCryptoException {
        try {
            cipher.init(Cipher.DECRYPT_MODE, requireKey(), new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(aad, aadOff, aadLen);
            if (scratch.length < len) {
                scratch = new byte[len];
            }
            cipher.doFinal(buf, off, len + TAG, scratch, 0);
            System.arraycopy(scratch, 0, buf, off, len);
        } catch (AEADBadTagException e) {
            throw new SshMacException("AES-GCM tag does not verify");
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException("AES-GCM decryption failed: " + e.getMessage(), e);
        }
    }

    private SecretKeySpec requireKey() throws SshCryptoException {
        if (key == null) {
            throw new SshCryptoException("AES-GCM used before init()");
        }
        return key;
    }
}
