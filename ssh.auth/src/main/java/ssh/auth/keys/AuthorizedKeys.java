package ssh.auth.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ssh.api.SshException;
import ssh.api.crypto.SshPublicKey;

/**
 * An authorized_keys file as sshd(8) reads it: one key per line, optionally preceded by an options
 * field, with blank lines and {@code #} comments ignored. Lines that do not parse (or hold key
 * types secsh does not support) are skipped and counted, as OpenSSH logs and skips them.
 * Immutable and thread-safe.
 */
public final class AuthorizedKeys {
    private final List<AuthorizedKey> entries;
    private final List<Integer> skippedLines;

    /**
     * One key line.
     *
     * @param key the public key
     * @param comment the text after the key, {@code ""} if none
     * @param options the options field, {@link KeyOptions#NONE} if there was none
     * @param line the 1-based line number in the file
     */
    public record AuthorizedKey(SshPublicKey key, String comment, KeyOptions options, int line) {
        /** Checks that nothing is null. */
        public AuthorizedKey {
            Objects.requireNonNull(key);
            Objects.requireNonNull(comment);
            Objects.requireNonNull(options);
        }
    }

    private AuthorizedKeys(List<AuthorizedKey> entries, List<Integer> skippedLines) {
        this.entries = List.copyOf(entries);
        this.skippedLines = List.copyOf(skippedLines);
    }

    /** Reads the file at {@code file}; {@code expiry-time} values without a zone are in the system zone. */
    public static AuthorizedKeys load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), ZoneId.systemDefault());
    }

    /** Parses a whole file's text; {@code expiry-time} values without a {@code Z} are in {@code zone}. */
    public static AuthorizedKeys parse(String text, ZoneId zone) {
        return parse(List.of(text.split("\r?\n", -1)), zone);
    }

    /** Parses the lines of a file; {@code expiry-time} values without a {@code Z} are in {@code zone}. */
    public static AuthorizedKeys parse(List<String> lines, ZoneId zone) {
        List<AuthorizedKey> entries = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            try {
                entries.add(parseLine(s, i + 1, zone));
            } catch (SshException e) {
                skipped.add(i + 1);
            }
        }
        return new AuthorizedKeys(entries, skipped);
    }

    /**
     * Parses one non-blank, non-comment line, numbered {@code number}: a key line, or an options
     * field, blanks and a key line.
     */
    public static AuthorizedKey parseLine(String line, int number, ZoneId zone) throws SshException {
        String s = line.strip();
        try {
            PublicKeyFile k = PublicKeyFile.parse(s);
            return new AuthorizedKey(k.key(), k.comment(), KeyOptions.NONE, number);
        } catch (SshException notAKeyFirst) {
            int end = KeyOptionsParser.end(s, 0);
            if (end < 0) {
                throw new KeyFormatException("line " + number + ": an option's quote is not closed");
            }
            if (end == s.length()) {
                throw new KeyFormatException("line " + number + ": no key (" + notAKeyFirst.getMessage() + ")");
            }
            KeyOptions options = KeyOptionsParser.parse(s.substring(0, end), zone);
            PublicKeyFile k = PublicKeyFile.parse(s.substring(end));
            return new AuthorizedKey(k.key(), k.comment(), options, number);
        }
    }

    /** The key lines, in file order. */
    public List<AuthorizedKey> entries() {
        return entries;
    }

    /** The 1-based numbers of the lines that were skipped because they did not parse. */
    public List<Integer> skippedLines() {
        return skippedLines;
    }

    /** How many lines were skipped because they did not parse. */
    public int skipped() {
        return skippedLines.size();
    }

    /**
     * The first line authorizing {@code key} itself: its key equal to {@code key} and not marked
     * {@code cert-authority} (such a line authorizes certificates the key signed, not the key).
     */
    public Optional<AuthorizedKey> find(SshPublicKey key) {
        return entries.stream().filter(e -> !e.options().certAuthority() && e.key().equals(key)).findFirst();
    }
}
