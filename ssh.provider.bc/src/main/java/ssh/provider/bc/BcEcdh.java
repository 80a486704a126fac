package ssh.provider.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import ssh.api.SshCryptoException;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Secret;

/**
 * ECDH over P-256, P-384 or P-521 on Bouncy Castle's {@link ECDHBasicAgreement}: SEC1 uncompressed
 * public values, validated peer points, and the x-coordinate as a fixed-length shared secret.
 */
final class BcEcdh implements KeyAgreementPrimitive {
    private final BcCurves.Curve curve;
    private final SecureRandom random;
    private ECPrivateKeyParameters privateKey;

    BcEcdh(BcCurves.Curve curve, SecureRandom random) {
        this.curve = curve;
        this.random = random;
    }

    @Override
    public byte[] generateKeyPair() throws SshCryptoException {
        try {
            ECKeyPairGenerator gen = new ECKeyPairGenerator();
            gen.init(new ECKeyGenerationParameters(curve.domain(), random));
            AsymmetricCipherKeyPair kp = gen.generateKeyPair();
            privateKey = (ECPrivateKeyParameters) kp.getPrivate();
            return BcCurves.Curve.encode(((ECPublicKeyParameters) kp.getPublic()).getQ());
        } catch (RuntimeException e) {
            throw BcChecks.refused(curve.name() + " key generation", e);
        }
    }

    @Override
    public byte[] setPrivateKey(byte[] scalar) throws SshCryptoException {
        BigInteger d = curve.scalar(scalar);
        try {
            ECPoint q = curve.publicPoint(d);
            privateKey = new ECPrivateKeyParameters(d, curve.domain());
            return BcCurves.Curve.encode(q);
        } catch (RuntimeException e) {
            throw BcChecks.refused(curve.name() + " private scalar", e);
        }
    }

    @Override
    public Secret agree(byte[] peerPublic) throws SshCryptoException {
        if (privateKey == null) {
            throw new SshCryptoException(curve.name() + " agreement before a key pair was made");
        }
        ECPoint q = curve.decodePoint(peerPublic);
        try {
            ECDHBasicAgreement agreement = new ECDHBasicAgreement();
            agreement.init(privateKey);
            BigInteger x = agreement.calculateAgreement(new ECPublicKeyParameters(q, curve.domain()));
            return Secret.wrap(BcChecks.fixed(x, curve.fieldLength()));
        } catch (RuntimeException e) {
            throw BcChecks.refused(curve.name() + " agreement", e);
        }
    }
}
