package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.testing.OpenSshTools;
import ssh.auth.testing.OpenSshTools.Result;

/**
 * Test helpers for encrypted key files: the fields of an {@code openssh-key-v1} structure taken
 * apart and put together again (to build files our writer would never write), armor, and
 * ssh-keygen run with a passphrase that reaches it as exact UTF-8 bytes whatever the locale.
 */
final class EncryptedKeyFiles {
    static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    static final Path SH = Path.of("/bin/sh");

    private EncryptedKeyFiles() {
    }

    /** The fields of a key file; {@code tag} is whatever follows the private section. */
    record Parts(String cipher, String kdf, byte[] options, byte[] publicBlob, byte[] section, byte[] tag) {
        static Parts of(byte[] data) throws WireFormatException {
            WireReader r = new WireReader(data, MAGIC.length, data.length - MAGIC.length);
            String cipher = r.readUtf8("cipher");
            String kdf = r.readUtf8("kdf");
            byte[] options = r.readString("options");
            assertEquals(1, r.readUint32("count"));
            byte[] pub = r.readString("public key");
            byte[] section = r.readString("section");
            return new Parts(cipher, kdf, options, pub, section, r.readBytes(r.remaining(), "tag"));
        }

        byte[] toBytes() {
            return new WireWriter().writeBytes(MAGIC).writeUtf8(cipher).writeUtf8(kdf).writeString(options)
                    .writeUint32(1).writeString(publicBlob).writeString(section).writeBytes(tag).toByteArray();
        }

        Parts withCipher(String c, String k) {
            return new Parts(c, k, options, publicBlob, section, tag);
        }

        Parts withOptions(byte[] o) {
            return new Parts(cipher, kdf, o, publicBlob, section, tag);
        }

        /** The salt and rounds of bcrypt's options. */
        byte[] salt() throws WireFormatException {
            return new WireReader(options).readString("salt");
        }

        long rounds() throws WireFormatException {
            WireReader r = new WireReader(options);
            r.readString("salt");
            return r.readUint32AsLong("rounds");
        }
    }

    static byte[] bcryptOptions(byte[] salt, long rounds) {
        return new WireWriter().writeString(salt).writeUint32(rounds).toByteArray();
    }

    /** The armored text of a binary key file, in one base64 line (readers join the lines anyway). */
    static String armor(byte[] data) {
        String b64 = Base64.getEncoder().encodeToString(data);
        return OpenSshKeyFile.BEGIN + "\n" + b64 + "\n" + OpenSshKeyFile.END + "\n";
    }

    /** The binary structure inside armored text. */
    static byte[] body(String text) {
        StringBuilder sb = new StringBuilder();
        text.lines().filter(l -> !l.startsWith("-----")).forEach(sb::append);
        return Base64.getDecoder().decode(sb.toString());
    }

    /** Writes a private key file with owner-only permissions, which ssh-keygen insists on. */
    static Path writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Skips loudly without ssh-keygen (or /bin/sh), or fails when {@code SECSH_INTEROP=require}. */
    static void assumeSshKeygen() {
        OpenSshTools.assumeInstalled(KeyFixtures.SSH_KEYGEN, SH);
    }

    /**
     * Runs ssh-keygen with {@code args} followed by {@code flag passphrase}. The passphrase goes
     * through {@code sh} as printf octal escapes of its UTF-8 bytes, so a non-ASCII passphrase
     * arrives intact even when the JVM's locale could not encode it as an argument.
     */
    static Result keygen(List<String> args, String flag, String passphrase) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("exec '").append(KeyFixtures.SSH_KEYGEN).append('\'');
        for (String a : args) {
            if (a.indexOf('\'') >= 0) {
                throw new IllegalArgumentException(a);
            }
            script.append(" '").append(a).append('\'');
        }
        script.append(' ').append(flag).append(" \"$(printf '");
        for (byte b : passphrase.getBytes(StandardCharsets.UTF_8)) {
            script.append('\\').append(Integer.toOctalString(b & 0xff));
        }
        script.append("')\"");
        List<String> cmd = new ArrayList<>(List.of(SH.toString(), "-c", script.toString()));
        return OpenSshTools.run(cmd);
    }

    /** The first two fields (type, base64) of what {@code ssh-keygen -y} prints for {@code file}. */
    static String sshKeygenPublicKey(Path file, String passphrase) throws IOException, InterruptedException {
        Result r = keygen(List.of("-y", "-f", file.toString()), "-P", passphrase);
        assertEquals(0, r.exit(), r.output());
        return typeAndKey(r.output());
    }

    /** The first two fields of a public key line. */
    static String typeAndKey(String line) {
        String[] f = line.strip().split(" ");
        return f[0] + " " + f[1];
    }
}
