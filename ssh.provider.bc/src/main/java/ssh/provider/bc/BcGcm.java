package ssh.provider.bc;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import ssh.api.SshCryptoException;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;

/**
 * AES-GCM with a 16-byte tag on Bouncy Castle's {@link GCMModeCipher}; opening decrypts into a
 * scratch buffer and copies plaintext back only after the tag verifies.
 */
final class BcGcm implements AeadPrimitive {
    private static final int TAG = 16;

    private final GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    private KeyParameter key;
    /** Whether {@link #gcm} holds {@link #key} already, so a new nonce can be set without re-expanding it. */
    private boolean keyed;

    @Override
    public void init(byte[] key) throws SshCryptoException {
        BcChecks.length("AES-GCM key", key, 16, 24, 32);
        this.key = new KeyParameter(key);
        this.keyed = false;
    }

    @Override
    public int tagLength() {
        return TAG;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshCryptoException {
        checkRanges(nonce, aad, aadOff, aadLen, buf, off, len);
        start(true, nonce);
        try {
            if (aadLen > 0) {
                gcm.processAADBytes(aad, aadOff, aadLen);
            }
            int n = gcm.processBytes(buf, off, len, buf, off);
            gcm.doFinal(buf, off + n);
        } catch (InvalidCipherTextException | RuntimeException e) {
            keyed = false;
            throw new SshCryptoException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshMacException, SshCryptoException {
        checkRanges(nonce, aad, aadOff, aadLen, buf, off, len);
        start(false, nonce);
        byte[] plain = new byte[len];
        try {
            if (aadLen > 0) {
                gcm.processAADBytes(aad, aadOff, aadLen);
            }
            int n = gcm.processBytes(buf, off, len + TAG, plain, 0);
            gcm.doFinal(plain, n);
            System.arraycopy(plain, 0, buf, off, len);
        } catch (InvalidCipherTextException e) {
            throw new SshMacException("AES-GCM tag does not verify");
        } catch (RuntimeException e) {
            keyed = false;
            throw new SshCryptoException("AES-GCM decryption failed: " + e.getMessage(), e);
        } finally {
            BcChecks.wipe(plain);
        }
    }

    private void start(boolean encrypt, byte[] nonce) throws SshCryptoException {
        if (key == null) {
            throw new SshCryptoException("AES-GCM used before init()");
        }
        try {
            gcm.init(encrypt, new AEADParameters(keyed ? null : key, TAG * 8, nonce));
            keyed = true;
        } catch (RuntimeException e) {
            keyed = false;
            throw BcChecks.refused("AES-GCM nonce", e);
        }
    }

    private static void checkRanges(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshCryptoException {
        if (nonce == null || nonce.length == 0) {
            throw new SshCryptoException("AES-GCM needs a nonce");
        }
        if (aadLen < 0 || (aadLen > 0 && (aad == null || aadOff < 0 || aadOff > aad.length - aadLen))) {
            throw new SshCryptoException("AES-GCM additional data out of range");
        }
        if (buf == null || off < 0 || len < 0 || off > buf.length - len - TAG) {
            throw new SshCryptoException("AES-GCM buffer too small for " + len + " bytes and the tag");
        }
    }
}
