package ssh.tools.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import ssh.api.SshException;
import ssh.api.crypto.ConstantTime;
import ssh.api.crypto.Primitive;
import ssh.api.spi.CryptoProvider;
import ssh.auth.PasswordAuthenticator;

/**
 * secshd's password file: one line per user, {@code user:pbkdf2-sha256:iterations:salt:hash} with
 * base64 salt and hash. Checking a password costs the same PBKDF2 work for known and unknown
 * users (an unknown user is checked against a decoy entry). {@code secshd -A file user} adds or
 * replaces a line.
 */
final class PasswordFile implements PasswordAuthenticator {
    static final int ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";

    private record Entry(int iterations, byte[] salt, byte[] hash) {
    }

    private final Map<String, Entry> users = new HashMap<>();
    private final Entry decoy;
    private final CryptoProvider crypto;

    private PasswordFile(CryptoProvider crypto) throws SshException {
        this.crypto = crypto;
        byte[] salt = new byte[16];
        crypto.random().nextBytes(salt);
        this.decoy = new Entry(ITERATIONS, salt, new byte[32]);
    }

    static PasswordFile load(Path file, CryptoProvider crypto) throws IOException {
        PasswordFile f = new PasswordFile(crypto);
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split(":", -1);
            try {
                int iterations = Integer.parseInt(p[2]);
                if (p.length != 5 || !p[1].equals(SCHEME) || iterations < 1 || iterations > 10_000_000) {
                    throw new IllegalArgumentException("bad entry");
                }
                f.users.put(p[0], new Entry(iterations, Base64.getDecoder().decode(p[3]),
                        Base64.getDecoder().decode(p[4])));
            } catch (RuntimeException e) {
                throw new IOException(file + " line " + number + ": not user:" + SCHEME + ":iterations:salt:hash");
            }
        }
        return f;
    }

    @Override
    public Result authenticate(String user, char[] password, String clientAddress) throws IOException {
        Entry e = users.get(user);
        boolean known = e != null;
        Entry use = known ? e : decoy;
        byte[] computed = derive(password, use.salt(), use.iterations(), crypto);
        boolean same = ConstantTime.equals(computed, use.hash()) & known;
        Arrays.fill(computed, (byte) 0);
        return same ? Result.ACCEPT : Result.REJECT;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, CryptoProvider crypto)
            throws SshException {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        try {
            return crypto.pbkdf2(Primitive.PBKDF2_HMAC_SHA256, bytes, salt, iterations, 32);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Adds or replaces {@code user}'s line in {@code file} (created with mode 600 if missing). */
    static void set(Path file, String user, char[] password, CryptoProvider crypto) throws IOException {
        if (user.isEmpty() || user.contains(":") || user.contains("\n")) {
            throw new IOException("bad user name \"" + user + "\"");
        }
        byte[] salt = new byte[16];
        crypto.random().nextBytes(salt);
        byte[] hash = derive(password, salt, ITERATIONS, crypto);
        String line = user + ":" + SCHEME + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
        StringBuilder out = new StringBuilder();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.startsWith(user + ":")) {
                    out.append(l).append('\n');
                }
            }
        } else {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        out.append(line).append('\n');
        Files.writeString(file, out, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
