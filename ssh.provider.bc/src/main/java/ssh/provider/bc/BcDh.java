package ssh.provider.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.generators.DHKeyPairGenerator;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPrivateKeyParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;
import ssh.api.SshCryptoException;
import ssh.api.crypto.DhPrimitive;
import ssh.api.crypto.Secret;

/** Finite-field Diffie-Hellman over a given group (p, g) on Bouncy Castle's {@link DHBasicAgreement}. */
final class BcDh implements DhPrimitive {
    private static final BigInteger TWO = BigInteger.TWO;

    private final BigInteger p;
    private final BigInteger g;
    private final SecureRandom random;
    private DHPrivateKeyParameters privateKey;

    BcDh(BigInteger p, BigInteger g, SecureRandom random) throws SshCryptoException {
        if (p == null || g == null) {
            throw new SshCryptoException("DH group needs both p and g");
        }
        if (!p.testBit(0) || p.bitLength() < 1024) {
            throw new SshCryptoException("DH modulus must be odd and at least 1024 bits, not a "
                    + p.bitLength() + "-bit " + (p.testBit(0) ? "odd" : "even") + " number");
        }
        if (g.compareTo(TWO) < 0 || g.compareTo(p.subtract(TWO)) > 0) {
            throw new SshCryptoException("DH generator outside 2..p-2");
        }
        this.p = p;
        this.g = g;
        this.random = random;
    }

    @Override
    public BigInteger generateKeyPair(int exponentBits) throws SshCryptoException {
        if (exponentBits < 2 || exponentBits >= p.bitLength()) {
            throw new SshCryptoException("DH exponent of " + exponentBits + " bits; expected 2.."
                    + (p.bitLength() - 1) + " for a " + p.bitLength() + "-bit group");
        }
        try {
            DHKeyPairGenerator gen = new DHKeyPairGenerator();
            gen.init(new DHKeyGenerationParameters(random, new DHParameters(p, g, null, exponentBits)));
            AsymmetricCipherKeyPair kp = gen.generateKeyPair();
            privateKey = (DHPrivateKeyParameters) kp.getPrivate();
            return ((DHPublicKeyParameters) kp.getPublic()).getY();
        } catch (RuntimeException e) {
            throw BcChecks.refused("DH key generation over a " + p.bitLength() + "-bit group", e);
        }
    }

    @Override
    public Secret agree(BigInteger f) throws SshCryptoException {
        if (f == null || f.compareTo(TWO) < 0 || f.compareTo(p.subtract(TWO)) > 0) {
            throw new SshCryptoException("DH public value outside 2..p-2");
        }
        if (privateKey == null) {
            throw new SshCryptoException("DH agreement before a key pair was made");
        }
        try {
            DHBasicAgreement agreement = new DHBasicAgreement();
            agreement.init(privateKey);
            BigInteger k = agreement.calculateAgreement(new DHPublicKeyParameters(f, privateKey.getParameters()));
            return Secret.wrap(BcChecks.unsigned(k));
        } catch (RuntimeException e) {
            throw BcChecks.refused("DH agreement", e);
        }
    }
}
