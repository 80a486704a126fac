package ssh.auth.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import ssh.api.SshCryptoException;
import ssh.api.SshProtocolException;
import ssh.api.crypto.DigestPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.PublicKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;

/**
 * The key material of PuTTY key files (PuTTY manual, appendix C): the cipher key, IV and MAC key
 * from the passphrase (version 2 with SHA-1, version 3 with Argon2), and each key type's private
 * blob (RSA d, p, q, iqmp; DSA x; ECDSA the scalar; EdDSA the seed, as an mpint).
 */
final class PuttyKeys {
    private static final byte[] MAC_KEY_PREFIX = "putty-private-key-file-mac-key".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY = 32;
    private static final int IV = 16;
    private static final int MAC_KEY = 32;

    private PuttyKeys() {
    }

    /** Version 3 key derivation parameters. */
    record Argon2(Primitive flavour, int memoryKiB, int passes, int parallelism, byte[] salt) {
    }

    /** The cipher key, IV and MAC key; {@link #wipe()} clears them. */
    record Material(byte[] cipherKey, byte[] iv, byte[] macKey) {
        void wipe() {
            Arrays.fill(cipherKey, (byte) 0);
            Arrays.fill(iv, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
        }

        @Override
        public String toString() {
            return "PuttyKeys.Material[redacted]";
        }
    }

    /** Refuses a key type PuTTY files may hold but secsh does not read. */
    static void requireSupported(String type) throws KeyFormatException {
        switch (type) {
            case "ssh-rsa", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                    "ssh-ed25519", "ssh-ed448" -> {
            }
            default -> throw new KeyFormatException("PuTTY key type \"" + PublicKeyFile.shorten(type)
                    + "\" is not supported");
        }
    }

    /** Refuses, before the passphrase is asked for, a key derivation the provider cannot do. */
    static void requireKdf(boolean v3, Argon2 argon2, CryptoProvider crypto) throws KeyFormatException {
        Primitive needed = v3 ? argon2.flavour() : Primitive.SHA1;
        if (!crypto.supports(needed)) {
            throw new KeyFormatException("this PuTTY key is encrypted with " + needed
                    + ", which the crypto provider \"" + crypto.name() + "\" cannot supply"
                    + (v3 ? " (Bouncy Castle, provider \"bc\", can)" : ""));
        }
    }

    /** The keys of an unencrypted file: none, and the MAC key version 2 derives from the empty passphrase. */
    static Material unencrypted(boolean v3, CryptoProvider crypto) throws KeyFormatException {
        return new Material(new byte[0], new byte[0], v3 ? new byte[0] : v2MacKey(new byte[0], crypto));
    }

    /** The keys of an encrypted file from {@code passphrase}, which is wiped. */
    static Material derive(boolean v3, Argon2 argon2, byte[] passphrase, CryptoProvider crypto)
            throws KeyFormatException {
        try {
            if (!v3) {
                DigestPrimitive sha1 = KeyCrypto.digest(crypto, Primitive.SHA1);
                byte[] both = new byte[2 * sha1.length()];
                for (int i = 0; i < 2; i++) {
                    sha1.update(new byte[] {0, 0, 0, (byte) i}, 0, 4);
                    sha1.update(passphrase, 0, passphrase.length);
                    sha1.digest(both, i * sha1.length());
                }
                Material m = new Material(Arrays.copyOf(both, KEY), new byte[IV], v2MacKey(passphrase, crypto));
                Arrays.fill(both, (byte) 0);
                return m;
            }
            byte[] out = crypto.argon2(argon2.flavour(), passphrase, argon2.salt(), new byte[0], new byte[0],
                    argon2.memoryKiB(), argon2.passes(), argon2.parallelism(), KEY + IV + MAC_KEY);
            Material m = new Material(Arrays.copyOfRange(out, 0, KEY), Arrays.copyOfRange(out, KEY, KEY + IV),
                    Arrays.copyOfRange(out, KEY + IV, KEY + IV + MAC_KEY));
            Arrays.fill(out, (byte) 0);
            return m;
        } catch (SshCryptoException e) {
            throw new KeyFormatException("cannot derive the PuTTY key's keys: " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, (byte) 0);
        }
    }

    private static byte[] v2MacKey(byte[] passphrase, CryptoProvider crypto) throws KeyFormatException {
        DigestPrimitive sha1 = KeyCrypto.digest(crypto, Primitive.SHA1);
        sha1.update(MAC_KEY_PREFIX, 0, MAC_KEY_PREFIX.length);
        sha1.update(passphrase, 0, passphrase.length);
        byte[] out = new byte[sha1.length()];
        sha1.digest(out, 0);
        return out;
    }

    /**
     * The key pair of public key {@code pub} and the decrypted private blob {@code plain}, whose
     * trailing padding is ignored; checked like every other key file.
     */
    static SshKeyPair decode(SshPublicKey pub, byte[] plain, CryptoProvider crypto) throws KeyFormatException {
        try {
            PublicKeyMaterial m = SshKeyCodec.publicMaterial(pub);
            WireReader r = new WireReader(plain);
            return switch (m) {
                case PublicKeyMaterial.Rsa rsa -> {
                    BigInteger d = r.readMpint("RSA private exponent");
                    BigInteger p = r.readMpint("RSA prime p");
                    BigInteger q = r.readMpint("RSA prime q");
                    BigInteger iqmp = r.readMpint("RSA iqmp");
                    yield DerKeys.pair(pub.type(),
                            new PrivateKeyMaterial.Rsa(rsa.modulus(), rsa.publicExponent(), d, p, q, iqmp));
                }
                case PublicKeyMaterial.Dsa dsa -> DerKeys.pair(pub.type(),
                        new PrivateKeyMaterial.Dsa(dsa.p(), dsa.q(), dsa.g(), dsa.y(), r.readMpint("DSA x")));
                case PublicKeyMaterial.Ec ec -> {
                    byte[] scalar = unsigned(r.readMpint("EC private key"), "EC private key");
                    yield DerKeys.pair(pub.type(), new PrivateKeyMaterial.Ec(Secret.wrap(scalar), ec.point()));
                }
                case PublicKeyMaterial.Edwards ed -> {
                    int n = ed.encoded().length;
                    byte[] seed = fixed(r.readMpint("EdDSA private key", 8 * n), n);
                    try {
                        yield DerKeys.edwards(n == 32 ? Primitive.ED25519 : Primitive.ED448, seed, ed.encoded(),
                                crypto);
                    } finally {
                        Arrays.fill(seed, (byte) 0);
                    }
                }
            };
        } catch (WireFormatException e) {
            throw new KeyFormatException("bad private key in PuTTY key file: " + e.getMessage(), e);
        } catch (SshProtocolException e) {
            throw new KeyFormatException("bad public key in PuTTY key file: " + e.getMessage(), e);
        }
    }

    /** The big-endian magnitude of {@code v}, which must not be negative. */
    private static byte[] unsigned(BigInteger v, String field) throws KeyFormatException {
        if (v.signum() < 0) {
            throw new KeyFormatException("PuTTY key file: negative " + field);
        }
        byte[] b = v.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] out = Arrays.copyOfRange(b, 1, b.length);
            Arrays.fill(b, (byte) 0);
            return out;
        }
        return b;
    }

    /**
     * {@code v} (at most 8n bits) as n big-endian bytes: PuTTY stores an EdDSA seed as the mpint
     * whose big-endian bytes are the seed, so leading zero bytes of the seed are not in the file.
     */
    private static byte[] fixed(BigInteger v, int n) throws KeyFormatException {
        byte[] magnitude = unsigned(v, "EdDSA private key");
        byte[] out = new byte[n];
        int len = Math.min(magnitude.length, n);
        System.arraycopy(magnitude, magnitude.length - len, out, n - len, len);
        Arrays.fill(magnitude, (byte) 0);
        return out;
    }
}
