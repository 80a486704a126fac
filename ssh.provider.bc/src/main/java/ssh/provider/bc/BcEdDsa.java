package ssh.provider.bc;

import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import ssh.api.SshCryptoException;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SignaturePrimitive;

/** Ed25519 and Ed448 (RFC 8032, pure, empty context) on Bouncy Castle's Edwards-curve signers. */
final class BcEdDsa implements SignaturePrimitive {
    private final boolean ed448;
    private final String name;
    private final int keySize;
    private final int signatureSize;

    BcEdDsa(boolean ed448) {
        this.ed448 = ed448;
        this.name = ed448 ? "Ed448" : "Ed25519";
        this.keySize = ed448 ? Ed448PrivateKeyParameters.KEY_SIZE : Ed25519PrivateKeyParameters.KEY_SIZE;
        this.signatureSize = ed448 ? Ed448PrivateKeyParameters.SIGNATURE_SIZE
                : Ed25519PrivateKeyParameters.SIGNATURE_SIZE;
    }

    @Override
    public byte[] sign(PrivateKeyMaterial key, byte[] data) throws SshCryptoException {
        if (!(key instanceof PrivateKeyMaterial.Edwards k)) {
            throw new SshCryptoException(name + " cannot sign with a " + BcChecks.kind(key) + " key");
        }
        BcChecks.present("data to sign", data);
        byte[] seed = BcChecks.secretBytes(name + " seed", k.seed());
        try {
            BcChecks.length(name + " seed", seed, keySize);
            CipherParameters priv;
            byte[] pub;
            if (ed448) {
                Ed448PrivateKeyParameters p = new Ed448PrivateKeyParameters(seed);
                pub = p.generatePublicKey().getEncoded();
                priv = p;
            } else {
                Ed25519PrivateKeyParameters p = new Ed25519PrivateKeyParameters(seed);
                pub = p.generatePublicKey().getEncoded();
                priv = p;
            }
            byte[] given = k.publicKeyBytes();
            if (given != null && !ConstantTime.equals(pub, given)) {
                throw new SshCryptoException(name + " public key does not belong to the seed");
            }
            Signer signer = signer();
            signer.init(true, priv);
            signer.update(data, 0, data.length);
            return signer.generateSignature();
        } catch (CryptoException | RuntimeException e) {
            throw new SshCryptoException(name + " signing refused: " + e.getMessage(), e);
        } finally {
            BcChecks.wipe(seed);
        }
    }

    @Override
    public boolean verify(PublicKeyMaterial key, byte[] data, byte[] signature) throws SshCryptoException {
        if (!(key instanceof PublicKeyMaterial.Edwards k)) {
            throw new SshCryptoException(name + " cannot verify with a " + BcChecks.kind(key) + " key");
        }
        BcChecks.length(name + " public key", k.encoded(), keySize);
        BcChecks.present("signed data", data);
        CipherParameters pub;
        try {
            pub = ed448 ? new Ed448PublicKeyParameters(k.encoded()) : new Ed25519PublicKeyParameters(k.encoded());
        } catch (RuntimeException e) {
            throw BcChecks.refused(name + " public key", e);
        }
        if (signature == null || signature.length != signatureSize) {
            return false;
        }
        try {
            Signer signer = signer();
            signer.init(false, pub);
            signer.update(data, 0, data.length);
            return signer.verifySignature(signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Signer signer() {
        return ed448 ? new Ed448Signer(new byte[0]) : new Ed25519Signer();
    }
}
