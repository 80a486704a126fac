package ssh.provider.jca;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import ssh.api.SshCryptoException;

/** A NIST prime curve: SEC1 point encoding and the on-curve check for public values from the wire. */
final class JcaEc {
    final String name;
    final ECParameterSpec params;
    final int fieldBytes;
    private final BigInteger p;

    JcaEc(String stdName) throws GeneralSecurityException {
        AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec(stdName));
        this.name = stdName;
        this.params = ap.getParameterSpec(ECParameterSpec.class);
        this.p = ((ECFieldFp) params.getCurve().getField()).getP();
        this.fieldBytes = (p.bitLength() + 7) / 8;
    }

    /** Bytes of each half of an r||s signature. */
    int orderBytes() {
        return (params.getOrder().bitLength() + 7) / 8;
    }

    byte[] encode(ECPoint w) {
        byte[] out = new byte[1 + 2 * fieldBytes];
        out[0] = 4;
        System.arraycopy(Checks.fixed(w.getAffineX(), fieldBytes), 0, out, 1, fieldBytes);
        System.arraycopy(Checks.fixed(w.getAffineY(), fieldBytes), 0, out, 1 + fieldBytes, fieldBytes);
        return out;
    }

    /** Decodes an uncompressed point and refuses anything not on the curve. */
    ECPoint decode(byte[] point) throws SshCryptoException {
        if (point.length != 1 + 2 * fieldBytes || point[0] != 4) {
            throw new SshCryptoException(name + " point must be " + (1 + 2 * fieldBytes)
                    + " bytes in uncompressed form (0x04, x, y), got " + point.length + " bytes");
        }
        BigInteger x = new BigInteger(1, point, 1, fieldBytes);
        BigInteger y = new BigInteger(1, point, 1 + fieldBytes, fieldBytes);
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        boolean onCurve = x.compareTo(p) < 0 && y.compareTo(p) < 0
                && y.multiply(y).subtract(x.pow(3).add(a.multiply(x)).add(b)).mod(p).signum() == 0;
        if (!onCurve) {
            throw new SshCryptoException(name + " point is not on the curve");
        }
        return new ECPoint(x, y);
    }

    PublicKey publicKey(byte[] point) throws SshCryptoException {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(decode(point), params));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(name + " public key refused: " + e.getMessage(), e);
        }
    }

    PrivateKey privateKey(byte[] scalar) throws SshCryptoException {
        BigInteger s = new BigInteger(1, scalar);
        if (s.signum() == 0 || s.compareTo(params.getOrder()) >= 0) {
            throw new SshCryptoException(name + " private scalar out of range");
        }
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, params));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(name + " private key refused: " + e.getMessage(), e);
        }
    }
}
