package ssh.provider.jca;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import ssh.api.SshCryptoException;
import ssh.api.crypto.ChaCha20Primitive;
import ssh.api.crypto.Gather;

/**
 * ChaCha20 with a 64-bit nonce and 64-bit counter on the JDK's RFC 8439 ChaCha20: the IETF
 * layout is the same 16-word state with the counter's high word as the first nonce word.
 * It runs the JDK cipher in decrypt mode, which is the same XOR with the key stream but skips the
 * JDK's key-and-nonce reuse guard (SSH reuses each nonce twice, at counters 0 and 1). The JDK's
 * counter is 32 bits, so a call whose key stream crosses a multiple of 2^32 blocks is split there
 * and the high word carried into the nonce, as the 64-bit counter of the original layout does.
 */
final class JcaChaCha20 implements ChaCha20Primitive {
    private static final int BLOCK = 64;

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
        long room = blocksBeforeWrap(counter);
        if (len > room * BLOCK) {
            // The JDK's counter is the low 32 bits only: it would wrap there instead of carrying.
            int first = (int) (room * BLOCK);
            crypt(nonce, counter, in, inOff, first, out, outOff);
            crypt(nonce, counter + room, in, inOff + first, len - first, out, outOff + first);
            return;
        }
        try {
            start(nonce, counter);
            cipher.doFinal(in, inOff, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK ChaCha20 failed", e);
        }
    }

    /** One keying for all the slices: the JDK cipher carries its key stream across updates. */
    @Override
    public void crypt(byte[] nonce, long counter, Gather in, byte[] out, int outOff) {
        Objects.checkFromIndexSize(outOff, in.length(), out.length);
        if (in.length() > blocksBeforeWrap(counter) * BLOCK) {
            ChaCha20Primitive.super.crypt(nonce, counter, in, out, outOff);
            return;
        }
        try {
            start(nonce, counter);
            int o = outOff;
            for (int i = 0; i < in.parts(); i++) {
                o += cipher.update(in.array(i), in.offset(i), in.length(i), out, o);
            }
            cipher.doFinal(out, o);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK ChaCha20 failed", e);
        }
    }

    /** How many blocks from {@code counter} on the JDK can give before its 32-bit counter wraps. */
    private static long blocksBeforeWrap(long counter) {
        return (1L << 32) - (counter & 0xffff_ffffL);
    }

    private void start(byte[] nonce, long counter) throws GeneralSecurityException {
        if (key == null || nonce.length != 8) {
            throw new IllegalStateException("ChaCha20 needs init() and an 8-byte nonce");
        }
        int high = (int) (counter >>> 32);
        nonce12[0] = (byte) high;
        nonce12[1] = (byte) (high >>> 8);
        nonce12[2] = (byte) (high >>> 16);
        nonce12[3] = (byte) (high >>> 24);
        System.arraycopy(nonce, 0, nonce12, 4, 8);
        cipher.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce12, (int) counter));
    }
}
