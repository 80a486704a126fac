package ssh.provider.bc;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.signers.DSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import ssh.api.SshCryptoException;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SignaturePrimitive;

/**
 * DSA with SHA-1 on Bouncy Castle's {@link DSASigner} with deterministic nonces (RFC 6979);
 * signatures are r||s, each the byte length of q (20 bytes for SSH's 160-bit q).
 */
final class BcDsa implements SignaturePrimitive {
    @Override
    public byte[] sign(PrivateKeyMaterial key, byte[] data) throws SshCryptoException {
        if (!(key instanceof PrivateKeyMaterial.Dsa k)) {
            throw new SshCryptoException("DSA cannot sign with a " + BcChecks.kind(key) + " key");
        }
        BcChecks.present("data to sign", data);
        DSAParameters params = parameters(k.p(), k.q(), k.g());
        BigInteger x = BcChecks.present("DSA private value", k.x());
        if (x.signum() <= 0 || x.compareTo(params.getQ()) >= 0) {
            throw new SshCryptoException("DSA private value outside 1..q-1");
        }
        try {
            DSASigner signer = new DSASigner(new HMacDSAKCalculator(new SHA1Digest()));
            signer.init(true, new DSAPrivateKeyParameters(x, params));
            BigInteger[] rs = signer.generateSignature(BcDigest.hash(new SHA1Digest(), data));
            int n = orderLength(params);
            byte[] out = new byte[2 * n];
            System.arraycopy(BcChecks.fixed(rs[0], n), 0, out, 0, n);
            System.arraycopy(BcChecks.fixed(rs[1], n), 0, out, n, n);
            return out;
        } catch (RuntimeException e) {
            throw BcChecks.refused("DSA signing", e);
        }
    }

    @Override
    public boolean verify(PublicKeyMaterial key, byte[] data, byte[] signature) throws SshCryptoException {
        if (!(key instanceof PublicKeyMaterial.Dsa k)) {
            throw new SshCryptoException("DSA cannot verify with a " + BcChecks.kind(key) + " key");
        }
        BcChecks.present("signed data", data);
        DSAParameters params = parameters(k.p(), k.q(), k.g());
        DSAPublicKeyParameters pub;
        try {
            pub = new DSAPublicKeyParameters(BcChecks.present("DSA public value", k.y()), params);
        } catch (RuntimeException e) {
            throw BcChecks.refused("DSA public key", e);
        }
        int n = orderLength(params);
        if (signature == null || signature.length != 2 * n) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, n));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, n, 2 * n));
        BigInteger q = params.getQ();
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(q) >= 0 || s.compareTo(q) >= 0) {
            return false;
        }
        try {
            DSASigner signer = new DSASigner();
            signer.init(false, pub);
            return signer.verifySignature(BcDigest.hash(new SHA1Digest(), data), r, s);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static DSAParameters parameters(BigInteger p, BigInteger q, BigInteger g) throws SshCryptoException {
        if (p == null || q == null || g == null) {
            throw new SshCryptoException("DSA key lacks p, q or g");
        }
        if (!p.testBit(0) || !q.testBit(0) || q.bitLength() < 160 || q.compareTo(p) >= 0
                || g.compareTo(BigInteger.ONE) <= 0 || g.compareTo(p) >= 0
                || !p.subtract(BigInteger.ONE).mod(q).equals(BigInteger.ZERO)) {
            throw new SshCryptoException("DSA parameters are malformed");
        }
        return new DSAParameters(p, q, g);
    }

    private static int orderLength(DSAParameters params) {
        return (params.getQ().bitLength() + 7) / 8;
    }
}
