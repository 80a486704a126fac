package ssh.provider.jca;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import ssh.api.SshCryptoException;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;

/** AES-GCM with a 16-byte tag through {@link javax.crypto.Cipher}; the JDK releases no plaintext before the tag checks. */
final class JcaGcm implements AeadPrimitive {
    private static final int TAG = 16;

    private final Cipher cipher;
    private SecretKeySpec key;

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
            cipher.doFinal(buf, off, len + TAG, buf, off);
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
