package ssh.kex.publickey;

import java.util.Set;
import ssh.api.SshCryptoException;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;

/**
 * What every public-key algorithm here shares: keys and signatures cross to and from the provider's
 * raw form through {@link SshKeyCodec}, and one signature primitive does the work. A signature blob
 * that names another algorithm does not verify; a malformed key or blob is an exception.
 */
abstract class SignatureAlgorithm implements PublicKeyAlgorithmFactory {
    private final String name;
    private final String keyType;
    private final Primitive primitive;

    SignatureAlgorithm(String name, String keyType, Primitive primitive) {
        this.name = name;
        this.keyType = keyType;
        this.primitive = primitive;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String keyType() {
        return keyType;
    }

    @Override
    public final Set<Primitive> requiredPrimitives() {
        return Set.of(primitive);
    }

    @Override
    public final byte[] sign(SshKeyPair key, byte[] data, CryptoProvider crypto) throws SshException {
        requireKeyType(key.publicKey());
        PrivateKeyMaterial material = SshKeyCodec.privateMaterial(key);
        byte[] raw = crypto.signature(primitive).sign(material, data);
        try {
            return SshKeyCodec.signatureBlob(name, raw);
        } catch (IllegalArgumentException e) {
            throw new SshCryptoException(name + ": the provider made a malformed signature: " + e.getMessage(), e);
        }
    }

    @Override
    public final boolean verify(SshPublicKey key, byte[] data, byte[] signatureBlob, CryptoProvider crypto)
            throws SshException {
        requireKeyType(key);
        PublicKeyMaterial material = SshKeyCodec.publicMaterial(key);
        if (!name.equals(SshKeyCodec.signatureAlgorithm(signatureBlob))) {
            return false;
        }
        byte[] raw = SshKeyCodec.rawSignature(signatureBlob, material);
        return crypto.signature(primitive).verify(material, data, raw);
    }

    private void requireKeyType(SshPublicKey key) throws SshProtocolException {
        if (!keyType.equals(key.type())) {
            throw new SshProtocolException(name + " needs a " + keyType + " key, not " + key.type());
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
