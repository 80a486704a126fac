package ssh.provider.bc;

import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.DestroyFailedException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMExtractor;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePrivateKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;
import ssh.api.SshCryptoException;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.Secret;

/**
 * Streamlined NTRU Prime sntrup761 on Bouncy Castle's {@code pqc.crypto.ntruprime}: 1158-byte public
 * keys, 1039-byte ciphertexts, 32-byte secrets, and 1763-byte private keys in the reference layout.
 */
final class BcSntrup implements KemPrimitive {
    private static final SNTRUPrimeParameters PARAMS = SNTRUPrimeParameters.sntrup761;
    private static final int PUBLIC_KEY = 1158;
    private static final int CIPHERTEXT = 1039;
    private static final int SECRET = 32;
    /** The encoded size of a small polynomial (f, 1/g in R3, rho). */
    private static final int SMALL = 191;
    /** Private key fields in the reference order: f, 1/g, the public key, rho, then the hash of the public key. */
    private static final int PRIVATE_KEY = SMALL + SMALL + PUBLIC_KEY + SMALL + 32;

    private final SecureRandom random;
    private SNTRUPrimePrivateKeyParameters privateKey;

    BcSntrup(SecureRandom random) {
        this.random = random;
    }

    @Override
    public byte[] generateKeyPair() throws SshCryptoException {
        try {
            SNTRUPrimeKeyPairGenerator gen = new SNTRUPrimeKeyPairGenerator();
            gen.init(new SNTRUPrimeKeyGenerationParameters(random, PARAMS));
            AsymmetricCipherKeyPair kp = gen.generateKeyPair();
            privateKey = (SNTRUPrimePrivateKeyParameters) kp.getPrivate();
            return ((SNTRUPrimePublicKeyParameters) kp.getPublic()).getEncoded();
        } catch (RuntimeException e) {
            throw BcChecks.refused("sntrup761 key generation", e);
        }
    }

    @Override
    public void setPrivateKey(byte[] encoded) throws SshCryptoException {
        BcChecks.length("sntrup761 private key", encoded, PRIVATE_KEY);
        int off = 0;
        byte[] f = Arrays.copyOfRange(encoded, off, off += SMALL);
        byte[] ginv = Arrays.copyOfRange(encoded, off, off += SMALL);
        byte[] pk = Arrays.copyOfRange(encoded, off, off += PUBLIC_KEY);
        byte[] rho = Arrays.copyOfRange(encoded, off, off += SMALL);
        byte[] hash = Arrays.copyOfRange(encoded, off, PRIVATE_KEY);
        try {
            privateKey = new SNTRUPrimePrivateKeyParameters(PARAMS, f, ginv, pk, rho, hash);
        } catch (RuntimeException e) {
            throw BcChecks.refused("sntrup761 private key", e);
        } finally {
            BcChecks.wipe(f);
            BcChecks.wipe(ginv);
            BcChecks.wipe(rho);
        }
    }

    @Override
    public Encapsulation encapsulate(byte[] publicKey) throws SshCryptoException {
        BcChecks.length("sntrup761 public key", publicKey, PUBLIC_KEY);
        try {
            SecretWithEncapsulation sw = new SNTRUPrimeKEMGenerator(random)
                    .generateEncapsulated(new SNTRUPrimePublicKeyParameters(PARAMS, publicKey));
            byte[] secret = sw.getSecret();
            byte[] ciphertext = sw.getEncapsulation();
            sw.destroy();
            check(secret);
            return new Encapsulation(ciphertext, Secret.wrap(secret));
        } catch (RuntimeException | DestroyFailedException e) {
            throw new SshCryptoException("sntrup761 encapsulation refused: " + e.getMessage(), e);
        }
    }

    @Override
    public Secret decapsulate(byte[] ciphertext) throws SshCryptoException {
        if (privateKey == null) {
            throw new SshCryptoException("sntrup761 decapsulation before a key pair was made");
        }
        BcChecks.length("sntrup761 ciphertext", ciphertext, CIPHERTEXT);
        byte[] secret;
        try {
            secret = new SNTRUPrimeKEMExtractor(privateKey).extractSecret(ciphertext);
        } catch (RuntimeException e) {
            throw BcChecks.refused("sntrup761 decapsulation", e);
        }
        check(secret);
        return Secret.wrap(secret);
    }

    private static void check(byte[] secret) throws SshCryptoException {
        if (secret.length != SECRET) {
            BcChecks.wipe(secret);
            throw new SshCryptoException("sntrup761 in this Bouncy Castle makes " + secret.length
                    + "-byte secrets, not " + SECRET);
        }
    }
}
