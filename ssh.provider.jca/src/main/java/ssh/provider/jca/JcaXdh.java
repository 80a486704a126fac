package ssh.provider.jca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;
import ssh.api.SshCryptoException;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Secret;

/** X25519 and X448 (RFC 7748) through the JDK's XDH, with raw little-endian public values. */
final class JcaXdh implements KeyAgreementPrimitive {
    private final NamedParameterSpec curve;
    private final int length;
    private final int basePoint;
    private final KeyFactory keyFactory;
    private PrivateKey privateKey;

    private JcaXdh(NamedParameterSpec curve, int length, int basePoint) throws GeneralSecurityException {
        this.curve = curve;
        this.length = length;
        this.basePoint = basePoint;
        this.keyFactory = KeyFactory.getInstance("XDH");
    }

    static JcaXdh x25519() throws GeneralSecurityException {
        return new JcaXdh(NamedParameterSpec.X25519, 32, 9);
    }

    static JcaXdh x448() throws GeneralSecurityException {
        return new JcaXdh(NamedParameterSpec.X448, 56, 5);
    }

    @Override
    public byte[] generateKeyPair() throws SshCryptoException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
            g.initialize(curve);
            KeyPair kp = g.generateKeyPair();
            privateKey = kp.getPrivate();
            return toLittleEndian(((XECPublicKey) kp.getPublic()).getU());
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(curve.getName() + " key generation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] setPrivateKey(byte[] scalar) throws SshCryptoException {
        Checks.length(curve.getName() + " private key", scalar, length);
        try {
            privateKey = keyFactory.generatePrivate(new XECPrivateKeySpec(curve, scalar.clone()));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(curve.getName() + " refused the private key: " + e.getMessage(), e);
        }
        // The public value is the scalar times the base point, i.e. the agreement with u = 9 (or 5).
        byte[] base = new byte[length];
        base[0] = (byte) basePoint;
        try (Secret pub = agree(base)) {
            return pub.bytes();
        }
    }

    @Override
    public Secret agree(byte[] peerPublic) throws SshCryptoException {
        Checks.length(curve.getName() + " public value", peerPublic, length);
        if (privateKey == null) {
            throw new SshCryptoException(curve.getName() + " agreement before a key pair was made");
        }
        byte[] shared;
        try {
            KeyAgreement ka = KeyAgreement.getInstance("XDH");
            ka.init(privateKey);
            ka.doPhase(keyFactory.generatePublic(new XECPublicKeySpec(curve, fromLittleEndian(peerPublic))), true);
            shared = ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(curve.getName() + " refused the peer's public value: " + e.getMessage(), e);
        }
        if (ConstantTime.isZero(shared, 0, shared.length)) {
            throw new SshCryptoException(curve.getName() + " shared secret is all zero: low-order public value");
        }
        return Secret.wrap(shared);
    }

    /** RFC 7748 decoding: little-endian, and for X25519 the top bit of the last byte is ignored. */
    private BigInteger fromLittleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        if (length == 32) {
            be[0] &= 0x7f;
        }
        return new BigInteger(1, be);
    }

    private byte[] toLittleEndian(BigInteger u) {
        byte[] be = Checks.fixed(u, length);
        byte[] le = new byte[length];
        for (int i = 0; i < length; i++) {
            le[i] = be[length - 1 - i];
        }
        return le;
    }
}
