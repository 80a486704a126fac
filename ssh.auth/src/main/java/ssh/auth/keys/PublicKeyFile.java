package ssh.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import ssh.api.SshProtocolException;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.WireFormatException;

/**
 * One OpenSSH public key line, as in an {@code id_ed25519.pub} file or (without options) an
 * authorized_keys file: {@code keytype base64-blob [comment]}.
 *
 * @param key the public key
 * @param comment the comment after the key, {@code ""} if there is none
 */
public record PublicKeyFile(SshPublicKey key, String comment) {
    /** Checks that neither part is null. */
    public PublicKeyFile {
        Objects.requireNonNull(key);
        Objects.requireNonNull(comment);
    }

    /** Parses one line {@code keytype base64 [comment]}; surrounding whitespace is ignored. */
    public static PublicKeyFile parse(String line) throws KeyFormatException, WireFormatException {
        String s = line.strip();
        int sp = firstSpace(s, 0);
        if (sp < 0) {
            throw new KeyFormatException("public key line needs a key type and a base64 key, found \""
                    + shorten(s) + "\"");
        }
        String type = s.substring(0, sp);
        int start = skipSpaces(s, sp);
        int end = firstSpace(s, start);
        String b64 = end < 0 ? s.substring(start) : s.substring(start, end);
        String comment = end < 0 ? "" : s.substring(skipSpaces(s, end)).strip();
        return new PublicKeyFile(decode(type, b64), comment);
    }

    /** Reads a {@code .pub} file: its first non-blank, non-comment line. */
    public static PublicKeyFile read(Path file) throws IOException {
        for (String l : Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)) {
            String s = l.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                return parse(s);
            }
        }
        throw new KeyFormatException(file + " holds no public key");
    }

    /** The line {@code keytype base64 [comment]} for {@code key}, without a line terminator. */
    public static String line(SshPublicKey key, String comment) {
        String base = key.type() + " " + Base64.getEncoder().encodeToString(key.blob());
        return comment == null || comment.isBlank() ? base : base + " " + comment.strip();
    }

    /** This key file's line, as {@link #line(SshPublicKey, String)} writes it. */
    public String line() {
        return line(key, comment);
    }

    /** The key whose blob is {@code b64}, checked to be of {@code type}. */
    static SshPublicKey decode(String type, String b64) throws KeyFormatException, WireFormatException {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("public key of type \"" + shorten(type) + "\" is not valid base64: "
                    + e.getMessage());
        }
        SshPublicKey key = blob(blob);
        if (!key.type().equals(type)) {
            throw new KeyFormatException("key type \"" + shorten(type) + "\" does not match the blob's \""
                    + key.type() + "\"");
        }
        return key;
    }

    /** The key whose blob is {@code blob}. */
    static SshPublicKey blob(byte[] blob) throws KeyFormatException, WireFormatException {
        try {
            return SshKeyCodec.publicKey(blob);
        } catch (WireFormatException e) {
            throw e;
        } catch (SshProtocolException e) {
            throw new KeyFormatException("bad public key: " + e.getMessage(), e);
        }
    }

    static int firstSpace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
