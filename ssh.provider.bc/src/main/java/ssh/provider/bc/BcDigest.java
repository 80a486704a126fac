package ssh.provider.bc;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.Primitive;

/** MD5, SHA-1 and SHA-2 hashes on Bouncy Castle's digests. */
final class BcDigest implements DigestPrimitive {
    private final Digest digest;

    BcDigest(Digest digest) {
        this.digest = digest;
    }

    /** A new Bouncy Castle digest for a DIGEST or HMAC primitive. */
    static Digest newDigest(Primitive p) {
        return switch (p) {
            case MD5, HMAC_MD5 -> new MD5Digest();
            case SHA1, HMAC_SHA1 -> new SHA1Digest();
            case SHA256, HMAC_SHA256 -> new SHA256Digest();
            case SHA384, HMAC_SHA384 -> new SHA384Digest();
            case SHA512, HMAC_SHA512 -> new SHA512Digest();
            default -> throw new IllegalArgumentException(p + " is not a hash");
        };
    }

    /** Hashes {@code data} with a fresh digest. */
    static byte[] hash(Digest d, byte[] data) {
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    @Override
    public int length() {
        return digest.getDigestSize();
    }

    @Override
    public void update(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    @Override
    public void digest(byte[] out, int outOff) {
        digest.doFinal(out, outOff);
    }
}
