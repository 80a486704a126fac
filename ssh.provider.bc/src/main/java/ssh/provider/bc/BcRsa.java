package ssh.provider.bc;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.function.Supplier;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.SignaturePrimitive;

/**
 * RSA PKCS#1 v1.5 signatures with SHA-1, SHA-256 or SHA-512 on Bouncy Castle's
 * {@link RSADigestSigner}; signatures are exactly as long as the modulus.
 */
final class BcRsa implements SignaturePrimitive {
    private final String name;
    private final Supplier<Digest> hash;
    private final SecureRandom random;

    BcRsa(Primitive p, SecureRandom random) {
        this.random = random;
        switch (p) {
            case RSA_SHA1 -> {
                name = "RSA/SHA-1";
                hash = SHA1Digest::new;
            }
            case RSA_SHA256 -> {
                name = "RSA/SHA-256";
                hash = SHA256Digest::new;
            }
            case RSA_SHA512 -> {
                name = "RSA/SHA-512";
                hash = SHA512Digest::new;
            }
            default -> throw new IllegalArgumentException(p + " is not an RSA signature");
        }
    }

    @Override
    public byte[] sign(PrivateKeyMaterial key, byte[] data) throws SshCryptoException {
        if (!(key instanceof PrivateKeyMaterial.Rsa k)) {
            throw new SshCryptoException(name + " cannot sign with a " + BcChecks.kind(key) + " key");
        }
        BcChecks.present("data to sign", data);
        BigInteger n = BcChecks.present("RSA modulus", k.modulus());
        BigInteger e = BcChecks.present("RSA public exponent", k.publicExponent());
        BigInteger d = BcChecks.present("RSA private exponent", k.privateExponent());
        if (n.signum() <= 0 || e.signum() <= 0 || d.signum() <= 0) {
            throw new SshCryptoException("RSA key components must be positive");
        }
        try {
            RSADigestSigner signer = new RSADigestSigner(hash.get());
            signer.init(true, new ParametersWithRandom(privateParameters(k, n, e, d), random));
            signer.update(data, 0, data.length);
            return BcChecks.fixed(new BigInteger(1, signer.generateSignature()), modulusLength(n));
        } catch (CryptoException | RuntimeException ex) {
            throw new SshCryptoException(name + " signing refused: " + ex.getMessage(), ex);
        }
    }

    private static RSAKeyParameters privateParameters(PrivateKeyMaterial.Rsa k, BigInteger n, BigInteger e,
            BigInteger d) throws SshCryptoException {
        BigInteger p = k.p();
        BigInteger q = k.q();
        if (p == null || q == null) {
            return new RSAKeyParameters(true, n, d);
        }
        if (p.signum() <= 0 || q.signum() <= 0 || !p.multiply(q).equals(n)) {
            throw new SshCryptoException("RSA primes do not multiply to the modulus");
        }
        BigInteger one = BigInteger.ONE;
        BigInteger qInv = k.crtCoefficient() != null ? k.crtCoefficient() : q.modInverse(p);
        return new RSAPrivateCrtKeyParameters(n, e, d, p, q, d.mod(p.subtract(one)), d.mod(q.subtract(one)), qInv);
    }

    @Override
    public boolean verify(PublicKeyMaterial key, byte[] data, byte[] signature) throws SshCryptoException {
        if (!(key instanceof PublicKeyMaterial.Rsa k)) {
            throw new SshCryptoException(name + " cannot verify with a " + BcChecks.kind(key) + " key");
        }
        BcChecks.present("signed data", data);
        BigInteger n = BcChecks.present("RSA modulus", k.modulus());
        BigInteger e = BcChecks.present("RSA public exponent", k.publicExponent());
        RSAKeyParameters pub;
        try {
            pub = new RSAKeyParameters(false, n, e);
        } catch (RuntimeException ex) {
            throw BcChecks.refused("RSA public key", ex);
        }
        int len = modulusLength(n);
        if (signature == null || signature.length == 0 || signature.length > len) {
            return false;
        }
        // Like OpenSSH, accept a signature whose leading zero bytes were dropped.
        byte[] padded = signature;
        if (signature.length < len) {
            padded = new byte[len];
            System.arraycopy(signature, 0, padded, len - signature.length, signature.length);
        }
        try {
            RSADigestSigner signer = new RSADigestSigner(hash.get());
            signer.init(false, pub);
            signer.update(data, 0, data.length);
            return signer.verifySignature(padded);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    private static int modulusLength(BigInteger n) {
        return (n.bitLength() + 7) / 8;
    }
}
