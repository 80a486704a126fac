package ssh.provider.bc;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import ssh.api.SshCryptoException;
import ssh.api.crypto.MacPrimitive;

/** HMAC over MD5, SHA-1 or SHA-2 on Bouncy Castle's {@link HMac}. */
final class BcHmac implements MacPrimitive {
    private final HMac hmac;
    private boolean keyed;

    BcHmac(Digest digest) {
        this.hmac = new HMac(digest);
    }

    @Override
    public void init(byte[] key) throws SshCryptoException {
        BcChecks.present("HMAC key", key);
        try {
            hmac.init(new KeyParameter(key));
            keyed = true;
        } catch (RuntimeException e) {
            keyed = false;
            throw BcChecks.refused("HMAC key", e);
        }
    }

    @Override
    public int length() {
        return hmac.getMacSize();
    }

    @Override
    public void update(byte[] b, int off, int len) {
        requireKey();
        hmac.update(b, off, len);
    }

    @Override
    public void doFinal(byte[] out, int outOff) {
        requireKey();
        hmac.doFinal(out, outOff);
    }

    private void requireKey() {
        if (!keyed) {
            throw new IllegalStateException("HMAC used before init()");
        }
    }
}
