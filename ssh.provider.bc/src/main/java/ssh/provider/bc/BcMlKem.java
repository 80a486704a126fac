package ssh.provider.bc;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.DestroyFailedException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.digests.SHA3Digest;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMExtractor;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyPairGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPrivateKeyParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMPublicKeyParameters;
import ssh.api.SshCryptoException;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.Secret;

/**
 * ML-KEM-768 and ML-KEM-1024 (FIPS 203) on Bouncy Castle's {@code pqc.crypto.mlkem}; private keys
 * are FIPS 203 expanded decapsulation keys, checked with the standard's hash check.
 */
final class BcMlKem implements KemPrimitive {
    private final String name;
    private final MLKEMParameters params;
    private final int publicKeyLength;
    private final int privateKeyLength;
    private final int ciphertextLength;
    private final SecureRandom random;
    private MLKEMPrivateKeyParameters privateKey;

    private BcMlKem(String name, MLKEMParameters params, int k, int du, int dv, SecureRandom random) {
        this.name = name;
        this.params = params;
        this.publicKeyLength = 384 * k + 32;
        this.privateKeyLength = 768 * k + 96;
        this.ciphertextLength = 32 * (du * k + dv);
        this.random = random;
    }

    static BcMlKem mlKem768(SecureRandom random) {
        return new BcMlKem("ML-KEM-768", MLKEMParameters.ml_kem_768, 3, 10, 4, random);
    }

    static BcMlKem mlKem1024(SecureRandom random) {
        return new BcMlKem("ML-KEM-1024", MLKEMParameters.ml_kem_1024, 4, 11, 5, random);
    }

    @Override
    public byte[] generateKeyPair() throws SshCryptoException {
        try {
            MLKEMKeyPairGenerator gen = new MLKEMKeyPairGenerator();
            gen.init(new MLKEMKeyGenerationParameters(random, params));
            AsymmetricCipherKeyPair kp = gen.generateKeyPair();
            privateKey = (MLKEMPrivateKeyParameters) kp.getPrivate();
            return ((MLKEMPublicKeyParameters) kp.getPublic()).getEncoded();
        } catch (RuntimeException e) {
            throw BcChecks.refused(name + " key generation", e);
        }
    }

    @Override
    public void setPrivateKey(byte[] encoded) throws SshCryptoException {
        BcChecks.length(name + " decapsulation key", encoded, privateKeyLength);
        // FIPS 203 section 7.3: the embedded H(ek) must match the embedded encapsulation key.
        int ekOff = privateKeyLength - publicKeyLength - 64;
        SHA3Digest sha3 = new SHA3Digest(256);
        sha3.update(encoded, ekOff, publicKeyLength);
        byte[] h = new byte[32];
        sha3.doFinal(h, 0);
        if (!ConstantTime.equals(h, 0, encoded, ekOff + publicKeyLength, 32)) {
            throw new SshCryptoException(name + " decapsulation key fails the hash check");
        }
        try {
            MLKEMPublicKeyParameters ek = new MLKEMPublicKeyParameters(params,
                    Arrays.copyOfRange(encoded, ekOff, ekOff + publicKeyLength));
            privateKey = new MLKEMPrivateKeyParameters(params, encoded, ek);
        } catch (RuntimeException e) {
            throw BcChecks.refused(name + " decapsulation key", e);
        }
    }

    @Override
    public Encapsulation encapsulate(byte[] publicKey) throws SshCryptoException {
        BcChecks.length(name + " encapsulation key", publicKey, publicKeyLength);
        try {
            MLKEMPublicKeyParameters ek = new MLKEMPublicKeyParameters(params, publicKey);
            SecretWithEncapsulation sw = new MLKEMGenerator(random).generateEncapsulated(ek);
            byte[] secret = sw.getSecret();
            byte[] ciphertext = sw.getEncapsulation();
            sw.destroy();
            return new Encapsulation(ciphertext, Secret.wrap(secret));
        } catch (RuntimeException | DestroyFailedException e) {
            throw new SshCryptoException(name + " encapsulation refused: " + e.getMessage(), e);
        }
    }

    @Override
    public Secret decapsulate(byte[] ciphertext) throws SshCryptoException {
        if (privateKey == null) {
            throw new SshCryptoException(name + " decapsulation before a key pair was made");
        }
        BcChecks.length(name + " ciphertext", ciphertext, ciphertextLength);
        try {
            return Secret.wrap(new MLKEMExtractor(privateKey).extractSecret(ciphertext));
        } catch (RuntimeException e) {
            throw BcChecks.refused(name + " decapsulation", e);
        }
    }
}
