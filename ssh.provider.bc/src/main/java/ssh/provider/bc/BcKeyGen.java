package ssh.provider.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.DSAKeyPairGenerator;
import org.bouncycastle.crypto.generators.DSAParametersGenerator;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.DSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.DSAParameters;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.Secret;

/** Key-pair generation for the signature primitives on Bouncy Castle's key generators. */
final class BcKeyGen {
    private static final BigInteger F4 = BigInteger.valueOf(65537);
    private static final int MIN_RSA_BITS = 1024;
    private static final int MAX_RSA_BITS = 16384;
    private static final int DSA_BITS = 1024;
    private static final int PRIME_CERTAINTY = 128;

    private BcKeyGen() {
    }

    /**
     * A new key pair for a signature primitive; {@code bits} matters for RSA only: DSA keys are
     * always 1024 bits with a 160-bit q, the only size SSH's {@code ssh-dss} uses.
     */
    static PrivateKeyMaterial generate(Primitive p, int bits, SecureRandom random) throws SshCryptoException {
        try {
            return switch (p) {
                case ED25519 -> {
                    Ed25519PrivateKeyParameters k = new Ed25519PrivateKeyParameters(random);
                    yield new PrivateKeyMaterial.Edwards(Secret.wrap(k.getEncoded()),
                            k.generatePublicKey().getEncoded());
                }
                case ED448 -> {
                    Ed448PrivateKeyParameters k = new Ed448PrivateKeyParameters(random);
                    yield new PrivateKeyMaterial.Edwards(Secret.wrap(k.getEncoded()),
                            k.generatePublicKey().getEncoded());
                }
                case ECDSA_P256, ECDSA_P384, ECDSA_P521 -> ec(BcCurves.of(p), random);
                case RSA_SHA1, RSA_SHA256, RSA_SHA512 -> rsa(bits, random);
                case DSA -> dsa(random);
                default -> throw new SshCryptoException(p + " is not a signature primitive");
            };
        } catch (RuntimeException e) {
            throw BcChecks.refused(p + " key generation", e);
        }
    }

    private static PrivateKeyMaterial ec(BcCurves.Curve curve, SecureRandom random) throws SshCryptoException {
        ECKeyPairGenerator gen = new ECKeyPairGenerator();
        gen.init(new ECKeyGenerationParameters(curve.domain(), random));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        BigInteger d = ((ECPrivateKeyParameters) kp.getPrivate()).getD();
        byte[] point = BcCurves.Curve.encode(((ECPublicKeyParameters) kp.getPublic()).getQ());
        return new PrivateKeyMaterial.Ec(Secret.wrap(BcChecks.fixed(d, curve.orderLength())), point);
    }

    private static PrivateKeyMaterial rsa(int bits, SecureRandom random) throws SshCryptoException {
        if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
            throw new SshCryptoException("RSA key size " + bits + " outside " + MIN_RSA_BITS + ".." + MAX_RSA_BITS);
        }
        RSAKeyPairGenerator gen = new RSAKeyPairGenerator();
        gen.init(new RSAKeyGenerationParameters(F4, random, bits, PRIME_CERTAINTY));
        RSAPrivateCrtKeyParameters k = (RSAPrivateCrtKeyParameters) gen.generateKeyPair().getPrivate();
        return new PrivateKeyMaterial.Rsa(k.getModulus(), k.getPublicExponent(), k.getExponent(), k.getP(),
                k.getQ(), k.getQInv());
    }

    private static PrivateKeyMaterial dsa(SecureRandom random) {
        DSAParametersGenerator pgen = new DSAParametersGenerator();
        pgen.init(DSA_BITS, 80, random);
        DSAParameters params = pgen.generateParameters();
        DSAKeyPairGenerator gen = new DSAKeyPairGenerator();
        gen.init(new DSAKeyGenerationParameters(random, params));
        AsymmetricCipherKeyPair kp = gen.generateKeyPair();
        BigInteger y = ((DSAPublicKeyParameters) kp.getPublic()).getY();
        BigInteger x = ((DSAPrivateKeyParameters) kp.getPrivate()).getX();
        return new PrivateKeyMaterial.Dsa(params.getP(), params.getQ(), params.getG(), y, x);
    }
}
