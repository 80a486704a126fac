package ssh.provider.bc;

import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import ssh.api.crypto.Poly1305Primitive;

/** The raw RFC 8439 Poly1305 authenticator: Bouncy Castle's {@link Poly1305} without a block cipher. */
final class BcPoly1305 implements Poly1305Primitive {
    private static final int KEY = 32;

    private final Poly1305 poly = new Poly1305();

    @Override
    public void mac(byte[] key, int keyOff, byte[] msg, int off, int len, byte[] out, int outOff) {
        if (keyOff < 0 || keyOff > key.length - KEY) {
            throw new IllegalArgumentException("Poly1305 needs a 32-byte key");
        }
        poly.init(new KeyParameter(key, keyOff, KEY));
        poly.update(msg, off, len);
        poly.doFinal(out, outOff);
    }
}
