package ssh.provider.jca;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import javax.crypto.KeyAgreement;
import ssh.api.SshCryptoException;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Secret;

/** ECDH over NIST P-256, P-384 and P-521 (RFC 5656) through the JDK's ECDH. */
final class JcaEcdh implements KeyAgreementPrimitive {
    private final JcaEc curve;
    private PrivateKey privateKey;

    JcaEcdh(JcaEc curve) {
        this.curve = curve;
    }

    @Override
    public byte[] generateKeyPair() throws SshCryptoException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(curve.params);
            KeyPair kp = g.generateKeyPair();
            privateKey = kp.getPrivate();
            return curve.encode(((ECPublicKey) kp.getPublic()).getW());
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(curve.name + " key generation failed: " + e.getMessage(), e);
        }
    }

    /** The JCA has no point multiplication to derive a public point from a bare NIST-curve scalar. */
    @Override
    public byte[] setPrivateKey(byte[] privateKey) throws SshCryptoException {
        throw new SshCryptoException("the JCA cannot derive a " + curve.name + " public point from a bare scalar;"
                + " use generateKeyPair(), or the bc provider");
    }

    @Override
    public Secret agree(byte[] peerPublic) throws SshCryptoException {
        if (privateKey == null) {
            throw new SshCryptoException(curve.name + " agreement before a key pair was made");
        }
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(privateKey);
            ka.doPhase(curve.publicKey(peerPublic), true);
            return Secret.wrap(Checks.fixedBytes(ka.generateSecret(), curve.fieldBytes));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(curve.name + " agreement refused: " + e.getMessage(), e);
        }
    }
}
