package ssh.provider.jca;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import ssh.api.SshCryptoException;
import ssh.api.crypto.ChaCha20Primitive;

/**
 * ChaCha20 with a 64-bit nonce and 64-bit counter on the JDK's RFC 8439 ChaCha20: the IETF
 * layout is the same 16-word state with the counter's high word as the first nonce word.
 * It runs the JDK cipher in decrypt mode, which is the same XOR with the key stream but skips the
 * JDK's key-and-nonce reuse guard (SSH reuses each nonce twice, at counters 0 and 1).
 */
final class JcaChaCha20 implements ChaCha20Primitive {
    private final Cipher cipher;
    private final byte[] nonce12 = new byte[12];
    private SecretKeySpec key;

    JcaChaCha20() throws GeneralSecurityException {
        cipher = Cipher.getInstance("ChaCha20");
    }

    @Override
    public void init(byte[] key) throws SshCryptoException {
        Checks.length("ChaCha20 key", key, 32);
        this.key = new SecretKeySpec(key, "ChaCha20");
    }

    @Override
    public void crypt(byte[] nonce, long counter, byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (key == null || nonce.length != 8) {
            throw new IllegalStateException("ChaCha20 needs init() and an 8-byte nonce");
        }
        int high = (int) (counter >>> 32);
        nonce12[0] = (byte) high;
        nonce12[1] = (byte) (high >>> 8);
        nonce12[2] = (byte) (high >>> 16);
        nonce12[3] = (byte) (high >>> 24);
        System.arraycopy(nonce, 0, nonce12, 4, 8);
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce12, (int) counter));
            cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK ChaCha20 failed", e);
        }
    }
}
