package ssh.api.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import ssh.api.SshProtocolException;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * Converts between SSH's encodings of keys and signatures (RFC 4253 section 6.6, RFC 5656, RFC 8709,
 * OpenSSH's {@code openssh-key-v1} private sections) and the provider-neutral raw material of
 * {@link PublicKeyMaterial}, {@link PrivateKeyMaterial} and {@link SignaturePrimitive}.
 *
 * <p>Decoding checks the whole structure and refuses trailing bytes: bad input is always a
 * {@link SshProtocolException} (usually a {@link WireFormatException}), never an unchecked
 * exception. Encoding our own material that does not fit the key type is a programming error and
 * throws {@link IllegalArgumentException}.
 */
public final class SshKeyCodec {
    /** RSA moduli below this many bits are refused outright (policy may refuse more). */
    public static final int MIN_RSA_BITS = 1024;
    /** RSA moduli above this many bits are refused, as OpenSSH does. */
    public static final int MAX_RSA_BITS = 16384;
    /**
     * RSA moduli under this many bits are refused from a peer, as a host key or a user key; files
     * may still hold shorter keys (they are read, but cannot be used to authenticate to secsh).
     */
    public static final int MIN_RSA_PEER_BITS = 2048;

    private static final String ED25519 = "ssh-ed25519";
    private static final String ED448 = "ssh-ed448";
    private static final String RSA = "ssh-rsa";
    private static final String DSS = "ssh-dss";
    private static final String ECDSA = "ecdsa-sha2-";

    private SshKeyCodec() {
    }

    /** Decodes a public key blob, taking the key type from the blob. */
    public static SshPublicKey publicKey(byte[] blob) throws SshProtocolException {
        WireReader r = new WireReader(blob);
        String type = readName(r, "public key type");
        decodePublic(type, r);
        return new SshPublicKey(type, blob);
    }

    /** The raw material of {@code key}, whose blob is decoded and checked again. */
    public static PublicKeyMaterial publicMaterial(SshPublicKey key) throws SshProtocolException {
        WireReader r = new WireReader(key.blob());
        String type = readName(r, "public key type");
        if (!type.equals(key.type())) {
            throw new WireFormatException("public key type",
                    "blob says \"" + type + "\", key says \"" + key.type() + "\"");
        }
        return decodePublic(type, r);
    }

    /** Encodes {@code material} as a public key blob of {@code keyType}. */
    public static SshPublicKey encodePublic(String keyType, PublicKeyMaterial material) {
        WireWriter w = new WireWriter(512).writeUtf8(keyType);
        switch (material) {
            case PublicKeyMaterial.Edwards ed -> w.writeString(require(ed.encoded(), keyType.equals(ED448) ? 57
                    : keyType.equals(ED25519) ? 32 : -1, keyType));
            case PublicKeyMaterial.Ec ec -> w.writeUtf8(curve(keyType)).writeString(require(ec.point(),
                    1 + 2 * ecBytes(keyType), keyType));
            case PublicKeyMaterial.Rsa rsa -> {
                expect(keyType, RSA);
                w.writeMpint(rsa.publicExponent()).writeMpint(rsa.modulus());
            }
            case PublicKeyMaterial.Dsa d -> {
                expect(keyType, DSS);
                w.writeMpint(d.p()).writeMpint(d.q()).writeMpint(d.g()).writeMpint(d.y());
            }
        }
        return new SshPublicKey(keyType, w.toByteArray());
    }

    /** A key pair of {@code keyType} whose private fields are laid out as in {@code openssh-key-v1}. */
    public static SshKeyPair keyPair(String keyType, PrivateKeyMaterial material) {
        SshPublicKey pub = encodePublic(keyType, material.publicKey());
        WireWriter w = new WireWriter(1024);
        switch (material) {
            case PrivateKeyMaterial.Edwards ed -> {
                byte[] seed = require(ed.seed().bytes(), ed.publicKeyBytes().length, keyType);
                // string public key, then string (seed || public key)
                w.writeString(ed.publicKeyBytes()).writeUint32(2 * seed.length).writeBytes(seed)
                        .writeBytes(ed.publicKeyBytes());
                Arrays.fill(seed, (byte) 0);
            }
            case PrivateKeyMaterial.Ec ec -> {
                byte[] d = ec.scalar().bytes();
                w.writeUtf8(curve(keyType)).writeString(ec.point()).writeMpintUnsigned(d, 0, d.length);
                Arrays.fill(d, (byte) 0);
            }
            case PrivateKeyMaterial.Rsa k -> w.writeMpint(k.modulus()).writeMpint(k.publicExponent())
                    .writeMpint(k.privateExponent()).writeMpint(k.crtCoefficient() != null ? k.crtCoefficient()
                            : k.q().modInverse(k.p())).writeMpint(k.p()).writeMpint(k.q());
            case PrivateKeyMaterial.Dsa d -> w.writeMpint(d.p()).writeMpint(d.q()).writeMpint(d.g()).writeMpint(d.y())
                    .writeMpint(d.x());
        }
        Secret fields = Secret.wrap(w.toByteArray());
        w.wipe();
        return new SshKeyPair(pub, fields);
    }

    /** The raw private material of {@code pair}, checked against its public key. */
    public static PrivateKeyMaterial privateMaterial(SshKeyPair pair) throws SshProtocolException {
        String type = pair.publicKey().type();
        PublicKeyMaterial pub = publicMaterial(pair.publicKey());
        byte[] fields = pair.privateFields().bytes();
        try {
            WireReader r = new WireReader(fields);
            PrivateKeyMaterial key = switch (pub) {
                case PublicKeyMaterial.Edwards ed -> {
                    int n = ed.encoded().length;
                    byte[] p = fixed(r.readString("private key's public key"), n, "private key's public key");
                    byte[] both = fixed(r.readString("private key"), 2 * n, "private key");
                    if (!Arrays.equals(p, ed.encoded()) || !Arrays.equals(both, n, 2 * n, p, 0, n)) {
                        Arrays.fill(both, (byte) 0);
                        throw new WireFormatException("private key", "does not match its public key");
                    }
                    Secret seed = Secret.wrap(Arrays.copyOf(both, n));
                    Arrays.fill(both, (byte) 0);
                    yield new PrivateKeyMaterial.Edwards(seed, p);
                }
                case PublicKeyMaterial.Ec ec -> {
                    same(readName(r, "private key curve"), curve(type), "private key curve");
                    same(r.readString("private key point"), ec.point(), "private key point");
                    int n = ecBytes(type);
                    BigInteger d = r.readMpint("private key scalar", 8 * n);
                    positive(d, "private key scalar");
                    yield new PrivateKeyMaterial.Ec(Secret.wrap(toFixed(d, n)), ec.point());
                }
                case PublicKeyMaterial.Rsa rsa -> {
                    same(r.readMpint("RSA modulus"), rsa.modulus(), "RSA modulus");
                    same(r.readMpint("RSA public exponent"), rsa.publicExponent(), "RSA public exponent");
                    BigInteger d = positive(r.readMpint("RSA private exponent"), "RSA private exponent");
                    BigInteger iqmp = positive(r.readMpint("RSA iqmp"), "RSA iqmp");
                    BigInteger p = positive(r.readMpint("RSA p"), "RSA p");
                    BigInteger q = positive(r.readMpint("RSA q"), "RSA q");
                    same(p.multiply(q), rsa.modulus(), "RSA primes");
                    yield new PrivateKeyMaterial.Rsa(rsa.modulus(), rsa.publicExponent(), d, p, q, iqmp);
                }
                case PublicKeyMaterial.Dsa dsa -> {
                    same(r.readMpint("DSA p"), dsa.p(), "DSA p");
                    same(r.readMpint("DSA q"), dsa.q(), "DSA q");
                    same(r.readMpint("DSA g"), dsa.g(), "DSA g");
                    same(r.readMpint("DSA y"), dsa.y(), "DSA y");
                    BigInteger x = positive(r.readMpint("DSA x"), "DSA x");
                    if (x.compareTo(dsa.q()) >= 0) {
                        throw new WireFormatException("DSA x", "not below q");
                    }
                    yield new PrivateKeyMaterial.Dsa(dsa.p(), dsa.q(), dsa.g(), dsa.y(), x);
                }
            };
            r.requireEnd("private key fields");
            return key;
        } finally {
            Arrays.fill(fields, (byte) 0);
        }
    }

    /** The blob ({@code string name, string signature}) of a raw signature from {@link SignaturePrimitive}. */
    public static byte[] signatureBlob(String algorithm, byte[] raw) {
        WireWriter w = new WireWriter(raw.length + 64).writeUtf8(algorithm);
        int n = ecBytes(algorithm);
        if (n > 0) {
            require(raw, 2 * n, algorithm);
            WireWriter inner = new WireWriter(2 * n + 16).writeMpintUnsigned(raw, 0, n).writeMpintUnsigned(raw, n, n);
            return w.writeString(inner.array(), 0, inner.length()).toByteArray();
        }
        switch (algorithm) {
            case ED25519 -> require(raw, 64, algorithm);
            case ED448 -> require(raw, 114, algorithm);
            case DSS -> require(raw, 40, algorithm);
            case RSA, "rsa-sha2-256", "rsa-sha2-512" -> {
                // as long as the modulus: the signer made it
            }
            default -> throw new IllegalArgumentException("unknown signature algorithm \"" + algorithm + "\"");
        }
        return w.writeString(raw).toByteArray();
    }

    /** The algorithm name a signature blob carries, after checking the blob's outer structure. */
    public static String signatureAlgorithm(byte[] signatureBlob) throws SshProtocolException {
        WireReader r = new WireReader(signatureBlob);
        String name = readName(r, "signature algorithm");
        r.readStringView("signature");
        r.requireEnd("signature blob");
        return name;
    }

    /**
     * The raw signature inside {@code signatureBlob}, in the format of {@link SignaturePrimitive}
     * for the algorithm the blob names: ECDSA's (r, s) as fixed-length r||s, an RSA signature
     * left-padded to the length of {@code key}'s modulus.
     */
    public static byte[] rawSignature(byte[] signatureBlob, PublicKeyMaterial key) throws SshProtocolException {
        WireReader r = new WireReader(signatureBlob);
        String name = readName(r, "signature algorithm");
        byte[] sig = r.readString("signature");
        r.requireEnd("signature blob");
        int n = ecBytes(name);
        if (n > 0) {
            WireReader in = new WireReader(sig);
            BigInteger s1 = positive(in.readMpint("ECDSA r", 8 * n), "ECDSA r");
            BigInteger s2 = positive(in.readMpint("ECDSA s", 8 * n), "ECDSA s");
            in.requireEnd("ECDSA signature");
            byte[] out = new byte[2 * n];
            System.arraycopy(toFixed(s1, n), 0, out, 0, n);
            System.arraycopy(toFixed(s2, n), 0, out, n, n);
            return out;
        }
        return switch (name) {
            case ED25519 -> fixed(sig, 64, "Ed25519 signature");
            case ED448 -> fixed(sig, 114, "Ed448 signature");
            case DSS -> fixed(sig, 40, "DSA signature");
            case RSA, "rsa-sha2-256", "rsa-sha2-512" -> {
                if (!(key instanceof PublicKeyMaterial.Rsa rsa)) {
                    throw new WireFormatException("signature algorithm", name + " needs an RSA key");
                }
                int len = (rsa.modulus().bitLength() + 7) / 8;
                if (sig.length == 0 || sig.length > len) {
                    throw new WireFormatException("RSA signature",
                            sig.length + " bytes for a " + len + "-byte modulus");
                }
                byte[] out = new byte[len];
                System.arraycopy(sig, 0, out, len - sig.length, sig.length);
                yield out;
            }
            default -> throw new WireFormatException("signature algorithm", "unsupported \"" + name + "\"");
        };
    }

    private static PublicKeyMaterial decodePublic(String type, WireReader r) throws SshProtocolException {
        PublicKeyMaterial m;
        if (ecBytes(type) > 0) {
            same(readName(r, "EC curve name"), curve(type), "EC curve name");
            byte[] q = fixed(r.readString("EC point"), 1 + 2 * ecBytes(type), "EC point");
            if (q[0] != 4) {
                throw new WireFormatException("EC point", "not in uncompressed form");
            }
            m = new PublicKeyMaterial.Ec(q);
        } else {
            m = switch (type) {
                case ED25519 -> new PublicKeyMaterial.Edwards(fixed(r.readString("Ed25519 key"), 32, "Ed25519 key"));
                case ED448 -> new PublicKeyMaterial.Edwards(fixed(r.readString("Ed448 key"), 57, "Ed448 key"));
                case RSA -> rsa(r.readMpint("RSA public exponent"), r.readMpint("RSA modulus"));
                case DSS -> dsa(r.readMpint("DSA p"), r.readMpint("DSA q"), r.readMpint("DSA g"), r.readMpint("DSA y"));
                default -> throw new WireFormatException("public key type", "unsupported \"" + type + "\"");
            };
        }
        r.requireEnd("public key blob");
        return m;
    }

    /** Refuses an RSA key of a peer under {@value #MIN_RSA_PEER_BITS} bits; other keys pass. */
    public static void requirePeerKeyStrength(PublicKeyMaterial key) throws SshProtocolException {
        if (key instanceof PublicKeyMaterial.Rsa rsa && rsa.modulus().bitLength() < MIN_RSA_PEER_BITS) {
            throw new SshProtocolException("RSA key of " + rsa.modulus().bitLength() + " bits is under the "
                    + MIN_RSA_PEER_BITS + " bits secsh accepts from a peer");
        }
    }

    private static PublicKeyMaterial rsa(BigInteger e, BigInteger n) throws SshProtocolException {
        if (n.signum() <= 0 || !n.testBit(0)) {
            throw new WireFormatException("RSA modulus", "not a positive odd number");
        }
        if (n.bitLength() < MIN_RSA_BITS || n.bitLength() > MAX_RSA_BITS) {
            throw new SshProtocolException("RSA modulus of " + n.bitLength() + " bits is outside "
                    + MIN_RSA_BITS + ".." + MAX_RSA_BITS);
        }
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.compareTo(n) >= 0) {
            throw new WireFormatException("RSA public exponent", "not an odd number from 3 to n-1");
        }
        return new PublicKeyMaterial.Rsa(n, e);
    }

    private static PublicKeyMaterial dsa(BigInteger p, BigInteger q, BigInteger g, BigInteger y)
            throws SshProtocolException {
        if (p.bitLength() != 1024 || !p.testBit(0) || q.bitLength() != 160 || !q.testBit(0)) {
            throw new WireFormatException("DSA parameters", "ssh-dss needs a 1024-bit p and a 160-bit q");
        }
        BigInteger top = p.subtract(BigInteger.ONE);
        if (g.compareTo(BigInteger.TWO) < 0 || g.compareTo(top) >= 0 || y.compareTo(BigInteger.TWO) < 0
                || y.compareTo(top) >= 0) {
            throw new WireFormatException("DSA g or y", "outside 2..p-2");
        }
        return new PublicKeyMaterial.Dsa(p, q, g, y);
    }

    private static String readName(WireReader r, String field) throws WireFormatException {
        byte[] b = r.readString(field, WireReader.MAX_NAME_LENGTH);
        for (byte c : b) {
            if (c <= ' ' || c >= 127) {
                throw new WireFormatException(field, "not a printable US-ASCII name");
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Bytes of the field (and of the order) of an {@code ecdsa-sha2-*} name's curve; 0 for other names. */
    private static int ecBytes(String name) {
        return switch (name) {
            case "ecdsa-sha2-nistp256" -> 32;
            case "ecdsa-sha2-nistp384" -> 48;
            case "ecdsa-sha2-nistp521" -> 66;
            default -> 0;
        };
    }

    /** The curve identifier inside an {@code ecdsa-sha2-*} blob: the name's suffix. */
    private static String curve(String keyType) {
        if (ecBytes(keyType) == 0) {
            throw new IllegalArgumentException("\"" + keyType + "\" is not an ECDSA key type");
        }
        return keyType.substring(ECDSA.length());
    }

    private static void expect(String keyType, String wanted) {
        if (!keyType.equals(wanted)) {
            throw new IllegalArgumentException("material of a " + wanted + " key given for \"" + keyType + "\"");
        }
    }

    private static byte[] require(byte[] b, int length, String what) {
        if (b.length != length) {
            throw new IllegalArgumentException(what + " needs " + length + " bytes, not " + b.length);
        }
        return b;
    }

    private static byte[] fixed(byte[] b, int length, String field) throws WireFormatException {
        if (b.length != length) {
            throw new WireFormatException(field, b.length + " bytes where " + length + " are needed");
        }
        return b;
    }

    private static BigInteger positive(BigInteger v, String field) throws WireFormatException {
        if (v.signum() <= 0) {
            throw new WireFormatException(field, "not positive");
        }
        return v;
    }

    private static void same(Object a, Object b, String field) throws WireFormatException {
        boolean eq = a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a.equals(b);
        if (!eq) {
            throw new WireFormatException(field, "does not match the public key");
        }
    }

    /** {@code v} (known to fit) as exactly {@code n} big-endian bytes. */
    private static byte[] toFixed(BigInteger v, int n) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[n];
        int len = Math.min(b.length, n);
        System.arraycopy(b, b.length - len, out, n - len, len);
        Arrays.fill(b, (byte) 0);
        return out;
    }
}
