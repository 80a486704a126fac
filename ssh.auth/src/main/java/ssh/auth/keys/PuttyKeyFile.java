package ssh.auth.keys;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import ssh.api.SshCryptoException;
import ssh.api.SshProtocolException;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.MacPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireWriter;

/**
 * PuTTY's private key files, {@code .ppk} versions 2 and 3 (PuTTY manual, appendix C): the
 * {@code PuTTY-User-Key-File-N: type}, {@code Encryption}, {@code Comment}, {@code Public-Lines},
 * (version 3, encrypted) {@code Key-Derivation} and {@code Argon2-*}, {@code Private-Lines} and
 * {@code Private-MAC} lines, in that order. The MAC (HMAC-SHA-1 in version 2, HMAC-SHA-256 in
 * version 3) covers the type, encryption, comment, public blob and decrypted private blob, and is
 * checked in constant time before the private blob is read.
 */
final class PuttyKeyFile {
    /** The start of the first line. */
    static final String MAGIC = "PuTTY-User-Key-File-";

    /** Argon2 memory above 1 GiB is refused: a hostile file must not exhaust memory. */
    static final int MAX_ARGON2_MEMORY_KIB = 1 << 20;
    /** More Argon2 passes than this are refused: a hostile file must not cost minutes. */
    static final int MAX_ARGON2_PASSES = 1000;
    /** More Argon2 lanes than this are refused. */
    static final int MAX_ARGON2_PARALLELISM = 64;
    private static final int MAX_BLOB_LINES = 4096;
    private static final int MAX_SALT_BYTES = 64;

    private final String[] lines;
    private int next;

    private PuttyKeyFile(String[] lines, int first) {
        this.lines = lines;
        this.next = first;
    }

    /**
     * Reads the key whose first line is {@code lines[first]}. {@code commentCharset} is the
     * charset the file's text was decoded with, so that the MAC sees the comment's bytes.
     */
    static OpenSshKeyFile.KeyFile read(String[] lines, int first, PassphraseSource source, String description,
            CryptoProvider crypto, Charset commentCharset) throws IOException {
        return new PuttyKeyFile(lines, first).read(source, description, crypto, commentCharset);
    }

    private OpenSshKeyFile.KeyFile read(PassphraseSource source, String description, CryptoProvider crypto,
            Charset commentCharset) throws IOException {
        String head = line("first line");
        int colon = head.indexOf(": ");
        String version = colon < 0 ? "" : head.substring(MAGIC.length(), colon);
        if (!version.equals("2") && !version.equals("3")) {
            throw new KeyFormatException("PuTTY key file version \"" + PublicKeyFile.shorten(version)
                    + "\" is not supported (versions 2 and 3 are)");
        }
        boolean v3 = version.equals("3");
        String type = head.substring(colon + 2);
        PuttyKeys.requireSupported(type);
        String encryption = field("Encryption");
        if (!encryption.equals("none") && !encryption.equals("aes256-cbc")) {
            throw new KeyFormatException("PuTTY key encryption \"" + PublicKeyFile.shorten(encryption)
                    + "\" is not supported (none and aes256-cbc are)");
        }
        boolean encrypted = !encryption.equals("none");
        String comment = field("Comment");
        byte[] publicBlob = blob("Public-Lines");
        PuttyKeys.Argon2 argon2 = v3 && encrypted ? argon2() : null;
        byte[] privateBlob = blob("Private-Lines");
        byte[] mac = hex(field("Private-MAC"), "Private-MAC");
        while (next < lines.length) {
            if (!lines[next++].isBlank()) {
                throw new KeyFormatException("PuTTY key file has lines after Private-MAC");
            }
        }
        if (mac.length != (v3 ? 32 : 20)) {
            throw new KeyFormatException("PuTTY Private-MAC of " + mac.length + " bytes; version " + version
                    + " has " + (v3 ? 32 : 20));
        }
        SshPublicKey pub;
        try {
            pub = SshKeyCodec.publicKey(publicBlob);
        } catch (SshProtocolException e) {
            throw new KeyFormatException("bad public key in PuTTY key file: " + e.getMessage(), e);
        }
        if (!pub.type().equals(type)) {
            throw new KeyFormatException("PuTTY key file says \"" + type + "\" but holds a " + pub.type() + " key");
        }
        String who = description != null ? description : "PuTTY key \"" + PublicKeyFile.shorten(comment) + "\"";
        PuttyKeys.Material keys;
        if (encrypted) {
            PuttyKeys.requireKdf(v3, argon2, crypto);
            keys = PuttyKeys.derive(v3, argon2, KeyCrypto.passphrase(source, who), crypto);
        } else {
            keys = PuttyKeys.unencrypted(v3, crypto);
        }
        byte[] plain = null;
        try {
            plain = encrypted
                    ? KeyCrypto.decrypt(crypto, KeyCrypto.Cbc.AES_256, keys.cipherKey(), keys.iv(), privateBlob,
                            false, who)
                    : privateBlob;
            byte[] expected = mac(v3, keys.macKey(), type, encryption, comment.getBytes(commentCharset),
                    publicBlob, plain, crypto);
            if (!ConstantTime.equals(expected, mac)) {
                throw encrypted
                        ? new WrongPassphraseException("wrong passphrase for " + who + " (its MAC does not match)")
                        : new KeyFormatException("the MAC of " + who + " does not match: the file is corrupt");
            }
            SshKeyPair pair = PuttyKeys.decode(pub, plain, crypto);
            return new OpenSshKeyFile.KeyFile(pair, comment);
        } finally {
            keys.wipe();
            Arrays.fill(privateBlob, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private PuttyKeys.Argon2 argon2() throws KeyFormatException {
        String kdf = field("Key-Derivation");
        Primitive flavour = switch (kdf) {
            case "Argon2id" -> Primitive.ARGON2ID;
            case "Argon2i" -> Primitive.ARGON2I;
            case "Argon2d" -> Primitive.ARGON2D;
            default -> throw new KeyFormatException("PuTTY key derivation \"" + PublicKeyFile.shorten(kdf)
                    + "\" is not supported (Argon2id, Argon2i and Argon2d are)");
        };
        int memory = number("Argon2-Memory", MAX_ARGON2_MEMORY_KIB);
        int passes = number("Argon2-Passes", MAX_ARGON2_PASSES);
        int parallelism = number("Argon2-Parallelism", MAX_ARGON2_PARALLELISM);
        byte[] salt = hex(field("Argon2-Salt"), "Argon2-Salt");
        if (memory < 8 * parallelism || salt.length == 0 || salt.length > MAX_SALT_BYTES) {
            throw new KeyFormatException("PuTTY Argon2 parameters out of range: " + memory + " KiB for "
                    + parallelism + " lanes, " + salt.length + "-byte salt");
        }
        long spare = Runtime.getRuntime().maxMemory() / 2;
        if (memory * 1024L > spare) {
            throw new KeyFormatException("PuTTY key's Argon2 needs " + memory / 1024 + " MiB, more than the "
                    + spare / (1024 * 1024) + " MiB this JVM can spare (raise -Xmx to read it)");
        }
        return new PuttyKeys.Argon2(flavour, memory, passes, parallelism, salt);
    }

    /** The MAC of the file's contents under {@code key} (HMAC-SHA-256 for version 3, -SHA-1 for 2). */
    private static byte[] mac(boolean v3, byte[] key, String type, String encryption, byte[] comment,
            byte[] publicBlob, byte[] privateBlob, CryptoProvider crypto) throws KeyFormatException {
        WireWriter w = new WireWriter(publicBlob.length + privateBlob.length + comment.length + 128)
                .writeUtf8(type).writeUtf8(encryption).writeString(comment).writeString(publicBlob)
                .writeString(privateBlob);
        try {
            MacPrimitive mac = crypto.mac(v3 ? Primitive.HMAC_SHA256 : Primitive.HMAC_SHA1);
            // RFC 2104 pads a short key with zeros to the block size, so the empty key of an
            // unencrypted version-3 file is the same key as one zero byte (which every provider takes).
            mac.init(key.length == 0 ? new byte[1] : key);
            mac.update(w.array(), 0, w.length());
            byte[] out = new byte[mac.length()];
            mac.doFinal(out, 0);
            return out;
        } catch (SshCryptoException e) {
            throw new KeyFormatException("cannot check the PuTTY key's MAC: " + e.getMessage(), e);
        } finally {
            w.wipe();
        }
    }

    private String line(String what) throws KeyFormatException {
        if (next >= lines.length) {
            throw new KeyFormatException("PuTTY key file ends before its " + what);
        }
        return lines[next++];
    }

    /** The value of the next line, which must be {@code name: value}. */
    private String field(String name) throws KeyFormatException {
        String line = line(name + " line");
        if (line.startsWith(name + ": ")) {
            return line.substring(name.length() + 2);
        }
        if (line.equals(name + ":")) {
            return "";
        }
        throw new KeyFormatException("PuTTY key file has no " + name + " line where it must be");
    }

    private int number(String name, int max) throws KeyFormatException {
        String v = field(name);
        if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new KeyFormatException("PuTTY " + name + " is not a decimal number");
        }
        int n = Integer.parseInt(v);
        if (n < 1 || n > max) {
            throw new KeyFormatException("PuTTY " + name + " of " + n + " is outside 1.." + max);
        }
        return n;
    }

    private byte[] blob(String name) throws KeyFormatException {
        int count = number(name, MAX_BLOB_LINES);
        if (count > lines.length - next) {
            throw new KeyFormatException("PuTTY " + name + " says " + count + " lines but the file ends sooner");
        }
        StringBuilder b64 = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b64.append(lines[next++].strip());
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("PuTTY " + name + " data is not valid base64");
        }
    }

    private static byte[] hex(String v, String name) throws KeyFormatException {
        try {
            return HexFormat.of().parseHex(v.strip());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("PuTTY " + name + " is not hexadecimal");
        }
    }
}
