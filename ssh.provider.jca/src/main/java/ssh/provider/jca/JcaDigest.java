package ssh.provider.jca;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import ssh.api.crypto.DigestPrimitive;

/** MD5, SHA-1 and SHA-2 through {@link MessageDigest}. */
final class JcaDigest implements DigestPrimitive {
    private final MessageDigest md;

    JcaDigest(String algorithm) throws NoSuchAlgorithmException {
        md = MessageDigest.getInstance(algorithm);
    }

    @Override
    public int length() {
        return md.getDigestLength();
    }

    @Override
    public void update(byte[] b, int off, int len) {
        md.update(b, off, len);
    }

    @Override
    public void digest(byte[] out, int outOff) {
        try {
            md.digest(out, outOff, md.getDigestLength());
        } catch (DigestException e) {
            throw new IllegalArgumentException("output buffer too small", e);
        }
    }
}
