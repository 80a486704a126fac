package ssh.provider.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import ssh.api.SshCryptoException;
import ssh.api.crypto.DhPrimitive;
import ssh.api.crypto.Secret;

/** Finite-field Diffie-Hellman over a given group through the JDK's DH. */
final class JcaDh implements DhPrimitive {
    private final BigInteger p;
    private final BigInteger g;
    private PrivateKey privateKey;

    JcaDh(BigInteger p, BigInteger g) throws SshCryptoException {
        DhGroups.check(p, g);
        this.p = p;
        this.g = g;
    }

    @Override
    public BigInteger generateKeyPair(int exponentBits) throws SshCryptoException {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("DH");
            kpg.initialize(new DHParameterSpec(p, g, exponentBits));
            KeyPair kp = kpg.generateKeyPair();
            privateKey = kp.getPrivate();
            return ((DHPublicKey) kp.getPublic()).getY();
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException("DH key generation over a " + p.bitLength() + "-bit group failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Secret agree(BigInteger f) throws SshCryptoException {
        DhGroups.checkPublic(f, p);
        if (privateKey == null) {
            throw new SshCryptoException("DH agreement before a key pair was made");
        }
        try {
            KeyAgreement ka = KeyAgreement.getInstance("DH");
            ka.init(privateKey);
            ka.doPhase(KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(f, p, g)), true);
            return Secret.wrap(Checks.stripLeadingZeros(ka.generateSecret()));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException("DH agreement refused: " + e.getMessage(), e);
        }
    }
}
