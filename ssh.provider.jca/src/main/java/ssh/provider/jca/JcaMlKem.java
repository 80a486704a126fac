package ssh.provider.jca;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KEM;
import ssh.api.SshCryptoException;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.Secret;

/**
 * ML-KEM-768 and ML-KEM-1024 (FIPS 203) through {@link javax.crypto.KEM}, on JDKs that have it
 * (24 and later). Keys travel raw; they are wrapped in X.509/PKCS#8 only to cross into the JDK.
 */
final class JcaMlKem implements KemPrimitive {
    private final String name;
    private final int oid;
    private final int publicKeyBytes;
    private final int privateKeyBytes;
    private final int ciphertextBytes;
    private PrivateKey privateKey;

    private JcaMlKem(String name, int oid, int publicKeyBytes, int privateKeyBytes, int ciphertextBytes) {
        this.name = name;
        this.oid = oid;
        this.publicKeyBytes = publicKeyBytes;
        this.privateKeyBytes = privateKeyBytes;
        this.ciphertextBytes = ciphertextBytes;
    }

    static JcaMlKem mlKem768() {
        return new JcaMlKem("ML-KEM-768", 2, 1184, 2400, 1088);
    }

    static JcaMlKem mlKem1024() {
        return new JcaMlKem("ML-KEM-1024", 3, 1568, 3168, 1568);
    }

    @Override
    public byte[] generateKeyPair() throws SshCryptoException {
        try {
            KeyPair kp = KeyPairGenerator.getInstance(name).generateKeyPair();
            privateKey = kp.getPrivate();
            byte[] spki = kp.getPublic().getEncoded();
            return Arrays.copyOfRange(spki, spki.length - publicKeyBytes, spki.length);
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(name + " key generation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void setPrivateKey(byte[] decapsulationKey) throws SshCryptoException {
        Checks.length(name + " decapsulation key", decapsulationKey, privateKeyBytes);
        byte[] pkcs8 = Der.sequence(new byte[] {2, 1, 0}, Der.sequence(Der.nistKemOid(oid)),
                Der.octetString(Der.octetString(decapsulationKey)));
        try {
            privateKey = KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new SshCryptoException(name + " decapsulation key refused: " + e.getMessage(), e);
        }
    }

    @Override
    public Encapsulation encapsulate(byte[] publicKey) throws SshCryptoException {
        Checks.length(name + " public key", publicKey, publicKeyBytes);
        byte[] spki = Der.sequence(Der.sequence(Der.nistKemOid(oid)), Der.bitString(publicKey));
        try {
            var pub = KeyFactory.getInstance(name).generatePublic(new X509EncodedKeySpec(spki));
            KEM.Encapsulated e = KEM.getInstance("ML-KEM").newEncapsulator(pub).encapsulate();
            return new Encapsulation(e.encapsulation(), Secret.wrap(e.key().getEncoded()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SshCryptoException(name + " encapsulation refused the public key: " + e.getMessage(), e);
        }
    }

    @Override
    public Secret decapsulate(byte[] ciphertext) throws SshCryptoException {
        Checks.length(name + " ciphertext", ciphertext, ciphertextBytes);
        if (privateKey == null) {
            throw new SshCryptoException(name + " decapsulation before a key pair was made");
        }
        try {
            return Secret.wrap(KEM.getInstance("ML-KEM").newDecapsulator(privateKey).decapsulate(ciphertext)
                    .getEncoded());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SshCryptoException(name + " decapsulation failed: " + e.getMessage(), e);
        }
    }
}
