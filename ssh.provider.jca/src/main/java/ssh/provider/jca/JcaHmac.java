package ssh.provider.jca;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import ssh.api.SshCryptoException;
import ssh.api.crypto.MacPrimitive;

/** HMAC over MD5, SHA-1 and SHA-2 through {@link javax.crypto.Mac}. */
final class JcaHmac implements MacPrimitive {
    private final Mac mac;
    private final String algorithm;

    JcaHmac(String algorithm) throws GeneralSecurityException {
        this.mac = Mac.getInstance(algorithm);
        this.algorithm = algorithm;
    }

    @Override
    public void init(byte[] key) throws SshCryptoException {
        if (key.length == 0) {
            throw new SshCryptoException(algorithm + " key must not be empty");
        }
        try {
            mac.init(new SecretKeySpec(key, algorithm));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(algorithm + " refused its key: " + e.getMessage(), e);
        }
    }

    @Override
    public int length() {
        return mac.getMacLength();
    }

    @Override
    public void update(byte[] b, int off, int len) {
        mac.update(b, off, len);
    }

    @Override
    public void doFinal(byte[] out, int outOff) {
        try {
            mac.doFinal(out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        }
    }
}
