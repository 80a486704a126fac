package ssh.provider.bc;

import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import ssh.api.SshCryptoException;
import ssh.api.SshMacException;
import ssh.api.crypto.AeadPrimitive;
import ssh.api.crypto.Gather;

/**
 * AES-GCM with a 16-byte tag on Bouncy Castle's {@link GCMModeCipher}. A seal from a {@link Gather}
 * feeds the slices to the cipher where they lie; an open decrypts into its destination and zeroes
 * it if the tag does not verify. An open within one array (the in-place open among them) decrypts
 * into a scratch array of its own and copies the plaintext over only after the tag verifies.
 */
final class BcGcm implements AeadPrimitive {
    private static final int TAG = 16;

    private final GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
    private KeyParameter key;
    /** Whether {@link #gcm} holds {@link #key} already, so a new nonce can be set without re-expanding it. */
    private boolean keyed;
    /** For an open within one array: grows to the longest message so opened, wiped after each. */
    private byte[] scratch = new byte[0];
    /** The message of an in-place seal, as one slice. */
    private final Gather inPlace = new Gather();

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

    /** The gather seal of one slice: Bouncy Castle encrypts correctly into an output that is exactly its input. */
    @Override
    public void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshCryptoException {
        try {
            seal(nonce, aad, aadOff, aadLen, inPlace.clear().add(buf, off, len), buf, off);
        } finally {
            inPlace.clear();
        }
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadOff, int aadLen, Gather plaintext, byte[] out, int outOff)
            throws SshCryptoException {
        checkRanges(nonce, aad, aadOff, aadLen, out, outOff, plaintext.length());
        start(true, nonce);
        try {
            if (aadLen > 0) {
                gcm.processAADBytes(aad, aadOff, aadLen);
            }
            int o = outOff;
            for (int i = 0; i < plaintext.parts(); i++) {
                o += gcm.processBytes(plaintext.array(i), plaintext.offset(i), plaintext.length(i), out, o);
            }
            gcm.doFinal(out, o);
        } catch (InvalidCipherTextException | RuntimeException e) {
            keyed = false;
            throw new SshCryptoException("AES-GCM encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] buf, int off, int len)
            throws SshMacException, SshCryptoException {
        open(nonce, aad, aadOff, aadLen, buf, off, len, buf, off);
    }

    @Override
    public void open(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] in, int off, int len, byte[] out,
            int outOff) throws SshMacException, SshCryptoException {
        checkRanges(nonce, aad, aadOff, aadLen, in, off, len);
        if (out == null || outOff < 0 || outOff > out.length - len) {
            throw new SshCryptoException("AES-GCM output too small for " + len + " bytes");
        }
        if (in != out) {
            decrypt(nonce, aad, aadOff, aadLen, in, off, len, out, outOff);
            return;
        }
        // One array: Bouncy Castle writes plaintext as it goes, over input not yet read when the
        // output starts above it, and before the tag is checked; so through the scratch.
        if (scratch.length < len) {
            scratch = new byte[len];
        }
        try {
            decrypt(nonce, aad, aadOff, aadLen, in, off, len, scratch, 0);
            System.arraycopy(scratch, 0, out, outOff, len);
        } finally {
            Arrays.fill(scratch, 0, len, (byte) 0);
        }
    }

    /** Decrypts into another array, which holds zeros where the plaintext would be if the tag does not verify. */
    private void decrypt(byte[] nonce, byte[] aad, int aadOff, int aadLen, byte[] in, int off, int len, byte[] out,
            int outOff) throws SshMacException, SshCryptoException {
        start(false, nonce);
        try {
            if (aadLen > 0) {
                gcm.processAADBytes(aad, aadOff, aadLen);
            }
            int n = gcm.processBytes(in, off, len + TAG, out, outOff);
            gcm.doFinal(out, outOff + n);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, outOff, outOff + len, (byte) 0);
            throw new SshMacException("AES-GCM tag does not verify");
        } catch (RuntimeException e) {
            Arrays.fill(out, outOff, outOff + len, (byte) 0);
            keyed = false;
            throw new SshCryptoException("AES-GCM decryption failed: " + e.getMessage(), e);
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
