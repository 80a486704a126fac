package ssh.provider.jca;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Signature;
import java.security.SignatureException;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SignaturePrimitive;

/**
 * Ed25519, Ed448, ECDSA, RSA PKCS#1 v1.5 and DSA through {@link Signature}; ECDSA and DSA use the
 * JDK's IEEE P1363 (r||s) format, which is what SSH carries.
 */
final class JcaSignature implements SignaturePrimitive {
    private final Primitive primitive;
    private final String algorithm;
    private final JcaKeys keys;

    JcaSignature(Primitive primitive, JcaKeys keys) {
        this.primitive = primitive;
        this.keys = keys;
        this.algorithm = switch (primitive) {
            case ED25519 -> "Ed25519";
            case ED448 -> "Ed448";
            case ECDSA_P256 -> "SHA256withECDSAinP1363Format";
            case ECDSA_P384 -> "SHA384withECDSAinP1363Format";
            case ECDSA_P521 -> "SHA512withECDSAinP1363Format";
            case RSA_SHA1 -> "SHA1withRSA";
            case RSA_SHA256 -> "SHA256withRSA";
            case RSA_SHA512 -> "SHA512withRSA";
            case DSA -> "SHA1withDSAinP1363Format";
            default -> throw new IllegalArgumentException(primitive + " is not a signature primitive");
        };
    }

    @Override
    public byte[] sign(PrivateKeyMaterial key, byte[] data) throws SshCryptoException {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(keys.toPrivate(primitive, key));
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(primitive + " signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(PublicKeyMaterial key, byte[] data, byte[] signature) throws SshCryptoException {
        Signature s;
        try {
            s = Signature.getInstance(algorithm);
            s.initVerify(keys.toPublic(primitive, key));
        } catch (InvalidKeyException e) {
            throw new SshCryptoException(primitive + " public key refused: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(primitive + " verification unavailable: " + e.getMessage(), e);
        }
        try {
            s.update(data);
            return s.verify(signature);
        } catch (SignatureException | RuntimeException e) {
            // A signature of the wrong size or encoding is simply not a valid signature.
            return false;
        }
    }
}
