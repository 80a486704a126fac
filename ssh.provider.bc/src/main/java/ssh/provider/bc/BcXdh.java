package ssh.provider.bc;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;
import ssh.api.SshCryptoException;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.KeyAgreementPrimitive;
import ssh.api.crypto.Secret;

/**
 * X25519 and X448 (RFC 7748) on Bouncy Castle's {@code rfc7748} arithmetic, with raw little-endian
 * public values; an all-zero shared secret (a low-order peer point) is refused.
 */
final class BcXdh implements KeyAgreementPrimitive {
    private final boolean x448;
    private final String name;
    private final int size;
    private final SecureRandom random;
    private byte[] privateKey;

    private BcXdh(boolean x448, SecureRandom random) {
        this.x448 = x448;
        this.name = x448 ? "X448" : "X25519";
        this.size = x448 ? X448.SCALAR_SIZE : X25519.SCALAR_SIZE;
        this.random = random;
    }

    static BcXdh x25519(SecureRandom random) {
        return new BcXdh(false, random);
    }

    static BcXdh x448(SecureRandom random) {
        return new BcXdh(true, random);
    }

    @Override
    public byte[] generateKeyPair() throws SshCryptoException {
        byte[] k = new byte[size];
        try {
            if (x448) {
                X448.generatePrivateKey(random, k);
            } else {
                X25519.generatePrivateKey(random, k);
            }
        } catch (RuntimeException e) {
            throw BcChecks.refused(name + " key generation", e);
        }
        return use(k);
    }

    @Override
    public byte[] setPrivateKey(byte[] privateKey) throws SshCryptoException {
        BcChecks.length(name + " private key", privateKey, size);
        return use(privateKey.clone());
    }

    private byte[] use(byte[] k) throws SshCryptoException {
        byte[] pub = new byte[size];
        try {
            if (x448) {
                X448.generatePublicKey(k, 0, pub, 0);
            } else {
                X25519.generatePublicKey(k, 0, pub, 0);
            }
        } catch (RuntimeException e) {
            BcChecks.wipe(k);
            throw BcChecks.refused(name + " private key", e);
        }
        BcChecks.wipe(privateKey);
        privateKey = k;
        return pub;
    }

    @Override
    public Secret agree(byte[] peerPublic) throws SshCryptoException {
        if (privateKey == null) {
            throw new SshCryptoException(name + " agreement before a key pair was made");
        }
        BcChecks.length(name + " public value", peerPublic, size);
        byte[] shared = new byte[size];
        try {
            if (x448) {
                X448.scalarMult(privateKey, 0, peerPublic, 0, shared, 0);
            } else {
                X25519.scalarMult(privateKey, 0, peerPublic, 0, shared, 0);
            }
        } catch (RuntimeException e) {
            throw BcChecks.refused(name + " public value", e);
        }
        if (ConstantTime.isZero(shared, 0, shared.length)) {
            throw new SshCryptoException(name + " public value is a low-order point (all-zero shared secret)");
        }
        return Secret.wrap(shared);
    }
}
