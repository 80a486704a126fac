package ssh.provider.bc;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import ssh.api.SshCryptoException;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SignaturePrimitive;

/**
 * ECDSA over P-256/SHA-256, P-384/SHA-384 or P-521/SHA-512 on Bouncy Castle's {@link ECDSASigner}
 * with deterministic nonces (RFC 6979); signatures are r||s, each the byte length of the order.
 */
final class BcEcdsa implements SignaturePrimitive {
    private final BcCurves.Curve curve;
    private final String name;

    BcEcdsa(BcCurves.Curve curve) {
        this.curve = curve;
        this.name = "ECDSA " + curve.name();
    }

    @Override
    public byte[] sign(PrivateKeyMaterial key, byte[] data) throws SshCryptoException {
        if (!(key instanceof PrivateKeyMaterial.Ec k)) {
            throw new SshCryptoException(name + " cannot sign with a " + BcChecks.kind(key) + " key");
        }
        BcChecks.present("data to sign", data);
        byte[] raw = BcChecks.secretBytes(name + " private scalar", k.scalar());
        BigInteger d;
        try {
            d = curve.scalar(raw);
        } finally {
            BcChecks.wipe(raw);
        }
        try {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(curve.hash().get()));
            signer.init(true, new ECPrivateKeyParameters(d, curve.domain()));
            BigInteger[] rs = signer.generateSignature(BcDigest.hash(curve.hash().get(), data));
            int n = curve.orderLength();
            byte[] out = new byte[2 * n];
            System.arraycopy(BcChecks.fixed(rs[0], n), 0, out, 0, n);
            System.arraycopy(BcChecks.fixed(rs[1], n), 0, out, n, n);
            return out;
        } catch (RuntimeException e) {
            throw BcChecks.refused(name + " signing", e);
        }
    }

    @Override
    public boolean verify(PublicKeyMaterial key, byte[] data, byte[] signature) throws SshCryptoException {
        if (!(key instanceof PublicKeyMaterial.Ec k)) {
            throw new SshCryptoException(name + " cannot verify with a " + BcChecks.kind(key) + " key");
        }
        BcChecks.present("signed data", data);
        ECPoint q = curve.decodePoint(k.point());
        int n = curve.orderLength();
        if (signature == null || signature.length != 2 * n) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, n));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, n, 2 * n));
        BigInteger order = curve.domain().getN();
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            return false;
        }
        try {
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, new ECPublicKeyParameters(q, curve.domain()));
            return signer.verifySignature(BcDigest.hash(curve.hash().get(), data), r, s);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
