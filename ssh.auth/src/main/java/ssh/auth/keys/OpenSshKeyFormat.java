package ssh.auth.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import ssh.api.SshProtocolException;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * The layout of {@code openssh-key-v1} for {@link OpenSshKeyFile}: the armor, the outer structure
 * (magic, cipher and KDF names, KDF options, one public key, the private section and an AEAD
 * tag) and the plaintext private section, parsed with bounds on every field and built the way
 * {@code ssh-keygen} builds it. Encryption and passphrases stay in {@link OpenSshKeyFile}.
 */
final class OpenSshKeyFormat {
    static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    /** The block size an unencrypted private section is padded to. */
    static final int BLOCK_SIZE = 8;
    static final String NONE = "none";
    static final String BCRYPT = "bcrypt";
    static final int MAX_SALT_LENGTH = 1024;
    private static final int WRAP = 70;

    private OpenSshKeyFormat() {
    }

    /** The outer structure of a key file; {@code cipher} is null for an unencrypted one. */
    record Envelope(KeyFileCipher cipher, byte[] salt, int rounds, SshPublicKey publicKey, byte[] section,
            int sectionLength) {
        static Envelope parse(byte[] data) throws KeyFormatException, WireFormatException {
            if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new KeyFormatException("not an openssh-key-v1 key: the magic \"openssh-key-v1\\0\" is missing");
            }
            WireReader r = new WireReader(data, MAGIC.length, data.length - MAGIC.length);
            String cipherName = r.readUtf8("cipher name");
            String kdf = r.readUtf8("KDF name");
            byte[] options = r.readString("KDF options");
            KeyFileCipher cipher = null;
            byte[] salt = null;
            int rounds = 0;
            if (cipherName.equals(NONE)) {
                if (!kdf.equals(NONE) || options.length != 0) {
                    throw new KeyFormatException("an unencrypted key (cipher \"none\") with KDF \""
                            + PublicKeyFile.shorten(kdf) + "\" and " + options.length + " bytes of KDF options");
                }
            } else {
                cipher = KeyFileCipher.named(cipherName).orElseThrow(() -> new KeyFormatException(
                        "private key encrypted with unsupported cipher \"" + PublicKeyFile.shorten(cipherName) + "\""));
                if (!kdf.equals(BCRYPT)) {
                    throw new KeyFormatException("private key encrypted with unsupported KDF \""
                            + PublicKeyFile.shorten(kdf) + "\" (only \"bcrypt\" is known)");
                }
                WireReader o = new WireReader(options);
                salt = o.readString("bcrypt salt");
                long n = o.readUint32AsLong("bcrypt rounds");
                o.requireEnd("bcrypt KDF options");
                if (salt.length == 0 || salt.length > MAX_SALT_LENGTH) {
                    throw new KeyFormatException("bcrypt salt of " + salt.length + " bytes; 1.." + MAX_SALT_LENGTH
                            + " are accepted");
                }
                if (n < 1 || n > OpenSshKeyFile.MAX_KDF_ROUNDS) {
                    throw new KeyFormatException("bcrypt rounds " + n + " outside 1.." + OpenSshKeyFile.MAX_KDF_ROUNDS);
                }
                rounds = (int) n;
            }
            long count = r.readUint32AsLong("number of keys");
            if (count != 1) {
                throw new KeyFormatException("file holds " + count + " keys; only files with one key are supported");
            }
            SshPublicKey pub = PublicKeyFile.blob(r.readString("public key"));
            byte[] section = r.readString("private section");
            int length = section.length;
            try {
                if (cipher != null) {
                    section = Arrays.copyOf(section, length + cipher.tagLength());
                    System.arraycopy(r.readBytes(cipher.tagLength(), "authentication tag"), 0, section, length,
                            cipher.tagLength());
                    if (length % cipher.blockSize() != 0 || length == 0) {
                        throw new KeyFormatException("encrypted private section of " + length
                                + " bytes is not a positive multiple of " + cipher.sshName() + "'s block size "
                                + cipher.blockSize());
                    }
                }
                r.requireEnd("private key file");
            } catch (KeyFormatException | WireFormatException e) {
                OpenSshKeyFile.wipe(section); // an unencrypted section is the private key itself
                throw e;
            }
            return new Envelope(cipher, salt, rounds, pub, section, length);
        }
    }

    /**
     * Parses the (decrypted) private section {@code section[0, len)}. {@code encrypted} names the
     * key of an encrypted file, whose check integers differ when the passphrase was wrong; it is
     * null for an unencrypted file, whose differing check integers mean corruption.
     */
    static OpenSshKeyFile.KeyFile privateSection(SshPublicKey pub, byte[] section, int len, String encrypted)
            throws KeyFormatException, WireFormatException {
        WireReader r = new WireReader(section, 0, len);
        r.readUint32("check integer");
        r.readUint32("second check integer");
        if (!ConstantTime.equals(section, 0, section, 4, 4)) {
            if (encrypted != null) {
                throw new WrongPassphraseException("incorrect passphrase for " + encrypted);
            }
            throw new KeyFormatException("the check integers differ: the key is corrupt (or was decrypted wrongly)");
        }
        String type = r.readUtf8("private key type");
        if (!type.equals(pub.type())) {
            throw new KeyFormatException("private key type \"" + PublicKeyFile.shorten(type)
                    + "\" does not match the public key's \"" + pub.type() + "\"");
        }
        int start = r.position();
        for (int i = fieldCount(type); i > 0; i--) {
            r.readStringView("private key field");
        }
        SshKeyPair pair = new SshKeyPair(pub, Secret.wrap(Arrays.copyOfRange(section, start, r.position())));
        String comment = r.readUtf8("comment");
        for (int i = 1; r.remaining() > 0; i++) {
            if (r.readByte("padding") != (i & 0xff)) {
                pair.close();
                throw new KeyFormatException("padding byte " + i + " is not " + (i & 0xff));
            }
        }
        check(pair);
        return new OpenSshKeyFile.KeyFile(pair, comment);
    }

    /** Checks the private fields against the public key, as {@link SshKeyCodec#privateMaterial} does. */
    private static void check(SshKeyPair pair) throws KeyFormatException, WireFormatException {
        try {
            PrivateKeyMaterial m = SshKeyCodec.privateMaterial(pair);
            switch (m) {
                case PrivateKeyMaterial.Edwards ed -> ed.seed().destroy();
                case PrivateKeyMaterial.Ec ec -> ec.scalar().destroy();
                default -> {
                }
            }
        } catch (WireFormatException e) {
            pair.close();
            throw e;
        } catch (SshProtocolException e) {
            pair.close();
            throw new KeyFormatException("bad private key: " + e.getMessage(), e);
        }
    }

    /** How many length-prefixed fields the private section holds for a key of {@code type}. */
    private static int fieldCount(String type) throws KeyFormatException {
        return switch (type) {
            case "ssh-ed25519", "ssh-ed448" -> 2;
            case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> 3;
            case "ssh-rsa" -> 6;
            case "ssh-dss" -> 5;
            default -> throw new KeyFormatException("unsupported private key type \""
                    + PublicKeyFile.shorten(type) + "\"");
        };
    }

    /** The plaintext private section padded to {@code blockSize}, with {@code tagLength} spare bytes at the end. */
    static byte[] section(SshKeyPair keyPair, String comment, int checkint, int blockSize, int tagLength) {
        WireWriter priv = new WireWriter(2048);
        byte[] fields = keyPair.privateFields().bytes();
        priv.writeUint32(checkint).writeUint32(checkint).writeUtf8(keyPair.publicKey().type()).writeBytes(fields)
                .writeUtf8(comment);
        OpenSshKeyFile.wipe(fields);
        for (int i = 1; priv.length() % blockSize != 0; i++) {
            priv.writeByte(i);
        }
        byte[] out = Arrays.copyOf(priv.array(), priv.length() + tagLength);
        priv.wipe();
        return out;
    }

    static byte[] envelope(String cipher, String kdf, byte[] kdfOptions, SshPublicKey pub, byte[] section,
            int len, int tagLength) {
        WireWriter w = new WireWriter(section.length + 1024).writeBytes(MAGIC).writeUtf8(cipher).writeUtf8(kdf)
                .writeString(kdfOptions).writeUint32(1).writeString(pub.blob()).writeString(section, 0, len)
                .writeBytes(section, len, tagLength);
        byte[] out = w.toByteArray();
        w.wipe();
        return out;
    }

    static String armor(byte[] body) {
        String b64 = Base64.getEncoder().encodeToString(body);
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / WRAP + 80);
        sb.append(OpenSshKeyFile.BEGIN).append('\n');
        for (int i = 0; i < b64.length(); i += WRAP) {
            sb.append(b64, i, Math.min(b64.length(), i + WRAP)).append('\n');
        }
        return sb.append(OpenSshKeyFile.END).append('\n').toString();
    }

    static byte[] unarmor(String text) throws KeyFormatException {
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].strip().equals(OpenSshKeyFile.BEGIN)) {
            i++;
        }
        if (i == lines.length) {
            throw new KeyFormatException("no \"" + OpenSshKeyFile.BEGIN + "\" line: not an OpenSSH private key file");
        }
        StringBuilder b64 = new StringBuilder();
        for (i++; i < lines.length && !lines[i].strip().equals(OpenSshKeyFile.END); i++) {
            b64.append(lines[i].strip());
        }
        if (i == lines.length) {
            throw new KeyFormatException("no \"" + OpenSshKeyFile.END + "\" line: the private key file is truncated");
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("private key body is not valid base64: " + e.getMessage());
        }
    }
}
