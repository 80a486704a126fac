package ssh.provider.bc;

import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;

/** PBKDF2 on Bouncy Castle's {@link PKCS5S2ParametersGenerator}, Argon2 on its {@link Argon2BytesGenerator}. */
final class BcKdf {
    /** The longest output accepted, as in the SPI. */
    static final int MAX_LENGTH = 65536;
    /** RFC 9106: at most 2^24 - 1 lanes. */
    static final int MAX_LANES = (1 << 24) - 1;

    private BcKdf() {
    }

    static byte[] pbkdf2(Primitive p, byte[] password, byte[] salt, int iterations, int length)
            throws SshCryptoException {
        if (password == null || salt == null || salt.length == 0) {
            throw new SshCryptoException(p + " needs a password and a non-empty salt");
        }
        if (iterations < 1 || length < 1 || length > MAX_LENGTH) {
            throw new SshCryptoException(p + " needs at least one iteration and 1 to " + MAX_LENGTH
                    + " bytes of output, not " + iterations + " iterations and " + length + " bytes");
        }
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(switch (p) {
            case PBKDF2_HMAC_SHA1 -> new SHA1Digest();
            case PBKDF2_HMAC_SHA256 -> new SHA256Digest();
            case PBKDF2_HMAC_SHA512 -> new SHA512Digest();
            default -> throw new SshCryptoException(p + " is not a PBKDF2 primitive");
        });
        byte[] pw = password.clone();
        g.init(pw, salt.clone(), iterations);
        try {
            return ((KeyParameter) g.generateDerivedParameters(length * 8)).getKey();
        } catch (RuntimeException e) {
            throw BcChecks.refused(p.toString(), e);
        } finally {
            // The generator keeps a reference to the password it was given: this copy.
            BcChecks.wipe(pw);
        }
    }

    static byte[] argon2(Primitive p, byte[] password, byte[] salt, byte[] secret, byte[] associatedData,
            int memoryKiB, int passes, int parallelism, int length) throws SshCryptoException {
        int type = switch (p) {
            case ARGON2D -> Argon2Parameters.ARGON2_d;
            case ARGON2I -> Argon2Parameters.ARGON2_i;
            case ARGON2ID -> Argon2Parameters.ARGON2_id;
            default -> throw new SshCryptoException(p + " is not an Argon2 primitive");
        };
        if (password == null || salt == null || secret == null || associatedData == null) {
            throw new SshCryptoException(p + " needs a password, salt, secret and associated data (empty if unused)");
        }
        if (parallelism < 1 || parallelism > MAX_LANES || passes < 1 || memoryKiB < 8L * parallelism
                || length < 4 || length > MAX_LENGTH) {
            throw new SshCryptoException(p + " parameters out of range: memory " + memoryKiB + " KiB, passes "
                    + passes + ", parallelism " + parallelism + ", length " + length);
        }
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(type).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withIterations(passes).withMemoryAsKB(memoryKiB).withParallelism(parallelism).withSalt(salt)
                .withSecret(secret).withAdditional(associatedData);
        Argon2Parameters params = b.build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        byte[] out = new byte[length];
        try {
            g.init(params);
            g.generateBytes(password, out);
            return out;
        } catch (RuntimeException e) {
            BcChecks.wipe(out);
            throw BcChecks.refused(p.toString(), e);
        } finally {
            params.clear();
            b.clear();
        }
    }
}
