package ssh.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * OpenSSH's private key file format {@code openssh-key-v1} (OpenSSH's PROTOCOL.key): the
 * {@code -----BEGIN OPENSSH PRIVATE KEY-----} armor around base64 of the magic, cipher and KDF
 * names, KDF options, one public key blob and the private section (two equal check integers, the
 * key type, the key's private fields, the comment, padding 1, 2, 3, ...).
 *
 * <p>Only unencrypted files (cipher and KDF {@code none}) are supported so far.
 */
public final class OpenSshKeyFile {
    /** The first line of the armor. */
    public static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    /** The last line of the armor. */
    public static final String END = "-----END OPENSSH PRIVATE KEY-----";

    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int BLOCK_SIZE = 8;
    private static final int WRAP = 70;
    private static final String NONE = "none";

    private OpenSshKeyFile() {
    }

    /**
     * A key pair read from a private key file, with the comment stored next to it.
     *
     * @param keyPair the key pair, checked against its public key blob
     * @param comment the comment, {@code ""} if there is none
     */
    public record KeyFile(SshKeyPair keyPair, String comment) {
        /** Checks that neither part is null. */
        public KeyFile {
            Objects.requireNonNull(keyPair);
            Objects.requireNonNull(comment);
        }
    }

    /** Reads the private key file at {@code file}. */
    public static KeyFile read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads a private key file's text: the armor and the base64 between. */
    public static KeyFile read(String text) throws KeyFormatException, WireFormatException {
        return decode(unarmor(text));
    }

    /** Decodes the binary {@code openssh-key-v1} structure (the base64-decoded body). */
    public static KeyFile decode(byte[] data) throws KeyFormatException, WireFormatException {
        if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new KeyFormatException("not an openssh-key-v1 key: the magic \"openssh-key-v1\\0\" is missing");
        }
        WireReader r = new WireReader(data, MAGIC.length, data.length - MAGIC.length);
        String cipher = r.readUtf8("cipher name");
        String kdf = r.readUtf8("KDF name");
        r.readString("KDF options");
        if (!cipher.equals(NONE) || !kdf.equals(NONE)) {
            throw new KeyFormatException("encrypted keys are not supported yet (cipher \""
                    + PublicKeyFile.shorten(cipher) + "\", kdf \"" + PublicKeyFile.shorten(kdf) + "\")");
        }
        long count = r.readUint32AsLong("number of keys");
        if (count != 1) {
            throw new KeyFormatException("file holds " + count + " keys; only files with one key are supported");
        }
        byte[] publicBlob = r.readString("public key");
        byte[] section = r.readString("private section");
        r.requireEnd("private key file");
        try {
            return privateSection(publicBlob, section);
        } finally {
            Arrays.fill(section, (byte) 0);
        }
    }

    private static KeyFile privateSection(byte[] publicBlob, byte[] section)
            throws KeyFormatException, WireFormatException {
        SshPublicKey pub = PublicKeyFile.blob(publicBlob);
        if (section.length % BLOCK_SIZE != 0) {
            throw new KeyFormatException("private section of " + section.length
                    + " bytes is not a multiple of the block size " + BLOCK_SIZE);
        }
        WireReader r = new WireReader(section);
        if (r.readUint32("check integer") != r.readUint32("second check integer")) {
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
        return new KeyFile(pair, comment);
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

    /**
     * The text of an unencrypted private key file holding {@code keyPair}, byte for byte as
     * {@code ssh-keygen -N ''} writes it (with a random check integer from {@code crypto}).
     */
    public static String write(SshKeyPair keyPair, String comment, CryptoProvider crypto) throws SshException {
        byte[] body = encode(keyPair, comment == null ? "" : comment, crypto.random().nextInt());
        try {
            return armor(body);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    /** The binary {@code openssh-key-v1} structure with check integer {@code checkint}. */
    static byte[] encode(SshKeyPair keyPair, String comment, int checkint) {
        WireWriter priv = new WireWriter(2048);
        byte[] fields = keyPair.privateFields().bytes();
        priv.writeUint32(checkint).writeUint32(checkint).writeUtf8(keyPair.publicKey().type()).writeBytes(fields)
                .writeUtf8(comment);
        Arrays.fill(fields, (byte) 0);
        for (int i = 1; priv.length() % BLOCK_SIZE != 0; i++) {
            priv.writeByte(i);
        }
        WireWriter w = new WireWriter(priv.length() + 1024).writeBytes(MAGIC).writeUtf8(NONE).writeUtf8(NONE)
                .writeString(new byte[0]).writeUint32(1).writeString(keyPair.publicKey().blob())
                .writeString(priv.array(), 0, priv.length());
        priv.wipe();
        byte[] out = w.toByteArray();
        w.wipe();
        return out;
    }

    private static String armor(byte[] body) {
        String b64 = Base64.getEncoder().encodeToString(body);
        StringBuilder sb = new StringBuilder(b64.length() + b64.length() / WRAP + 80).append(BEGIN).append('\n');
        for (int i = 0; i < b64.length(); i += WRAP) {
            sb.append(b64, i, Math.min(b64.length(), i + WRAP)).append('\n');
        }
        return sb.append(END).append('\n').toString();
    }

    private static byte[] unarmor(String text) throws KeyFormatException {
        String[] lines = text.split("\r?\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].strip().equals(BEGIN)) {
            i++;
        }
        if (i == lines.length) {
            throw new KeyFormatException("no \"" + BEGIN + "\" line: not an OpenSSH private key file");
        }
        StringBuilder b64 = new StringBuilder();
        for (i++; i < lines.length && !lines[i].strip().equals(END); i++) {
            b64.append(lines[i].strip());
        }
        if (i == lines.length) {
            throw new KeyFormatException("no \"" + END + "\" line: the private key file is truncated");
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("private key body is not valid base64: " + e.getMessage());
        }
    }
}
