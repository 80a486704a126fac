package ssh.test.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Static rules over the source of every SDK module's {@code src/main/java} (comments and string
 * literals are blanked first, so prose may name what code may not use):
 * <ul>
 *   <li>no {@code ObjectInputStream}: Java deserialization of anything is never needed in an SSH
 *   library and is a gadget-chain risk;</li>
 *   <li>no {@code Arrays.equals(} except the allow-listed calls below, each comparing public data
 *   (key blobs, a file magic), so that MACs, tags, signatures, hashes and check values are always
 *   compared with {@code ssh.api.crypto.ConstantTime} or {@code MessageDigest.isEqual}; an
 *   allow-listed line that names a MAC, tag, signature or hash fails too.</li>
 * </ul>
 * A violation is reported as {@code module/path:line}. To see the rule fail, add
 * {@code boolean ok = java.util.Arrays.equals(mac, expected);} to any class under
 * {@code ssh.cipher/src/main/java}.
 */
class SourceRulesTest {
    /**
     * The allowed {@code Arrays.equals} calls: file (relative to its module's src/main/java) and the
     * call's line, trimmed, to the reason it is safe. A new call in the same file is not covered.
     */
    static final Map<String, String> ARRAYS_EQUALS_ALLOWED = Map.of(
            "ssh/api/crypto/SshKeyCodec.java|if (!Arrays.equals(p, ed.encoded()) || !Arrays.equals(both, n, 2 * n, p, 0, n)) {",
            "an Ed25519 private key's stored public half against the one derived from it: public key bytes",
            "ssh/api/crypto/SshKeyCodec.java|boolean eq = a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a.equals(b);",
            "comparison of public key components",
            "ssh/api/crypto/SshPublicKey.java|return o instanceof SshPublicKey k && type.equals(k.type) && Arrays.equals(blob, k.blob);",
            "equals() of a public key blob",
            "ssh/api/wire/ByteSlice.java|&& Arrays.equals(array, offset, offset + length, s.array, s.offset, s.offset + s.length);",
            "equals() of a general byte slice; secret or authenticator bytes never go through it (rule 2 covers names)",
            "ssh/auth/method/PublicKeyClient.java|if (!name.equals(algorithm.name()) || !Arrays.equals(blob, offered.publicKey().blob())) {",
            "the server's PK_OK names the public key blob the client offered: public data",
            "ssh/auth/keys/OpenSshKeyFormat.java|if (data.length < MAGIC.length || !Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {",
            "the constant file magic \"openssh-key-v1\"",
            "ssh/auth/keys/DerKeys.java|if (stored != null && !Arrays.equals(stored, pub)) {",
            "a PKCS#8 file's stored public key against the one derived from its private key: public data");

    /** Names that mark authenticator or secret bytes: never compared with Arrays.equals, allow-listed or not. */
    private static final Pattern SENSITIVE = Pattern.compile("(?i)mac|tag|sig|hash|digest|secret|check");
    private static final Pattern ARRAYS_EQUALS = Pattern.compile("\\bArrays\\s*\\.\\s*equals\\s*\\(");
    private static final Pattern OBJECT_INPUT = Pattern.compile("\\bObjectInputStream\\b|\\bObjectInput\\b");

    /** The repository root: the first directory upwards from here holding ssh.api/src/main/java. */
    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("ssh.api/src/main/java"))) {
            p = p.getParent();
        }
        assertTrue(p != null, "no ssh.api/src/main/java above " + Path.of("").toAbsolutePath());
        return p;
    }

    /** Every main Java source of the SDK modules, as module name to files. */
    static List<Path> sources() {
        Path root = root();
        List<Path> files = new ArrayList<>();
        for (String module : ModuleRulesTest.sdkModules()) {
            Path dir = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(dir), dir + " is missing");
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(f -> f.toString().endsWith(".java")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue(files.size() > 100, "only " + files.size() + " sources found");
        return files;
    }

    /**
     * {@code java} with comments, string literals, text blocks and char literals replaced by
     * spaces (newlines kept, so line numbers hold).
     */
    static String codeOnly(String java) {
        StringBuilder out = new StringBuilder(java.length());
        int i = 0;
        int n = java.length();
        while (i < n) {
            char c = java.charAt(i);
            String end = null;
            if (java.startsWith("//", i)) {
                end = "\n";
            } else if (java.startsWith("/*", i)) {
                end = "*/";
            } else if (java.startsWith("\"\"\"", i)) {
                end = "\"\"\"";
            } else if (c == '"' || c == '\'') {
                end = String.valueOf(c);
            }
            if (end == null) {
                out.append(c);
                i++;
                continue;
            }
            int from = i;
            i += end.equals("\n") ? 2 : end.length() == 3 ? 3 : end.equals("*/") ? 2 : 1;
            while (i < n && !java.startsWith(end, i)) {
                i += java.charAt(i) == '\\' && end.length() == 1 && !end.equals("\n") ? 2 : 1;
            }
            i = Math.min(n, i + (end.equals("\n") ? 0 : end.length()));
            for (int k = from; k < i; k++) {
                out.append(java.charAt(k) == '\n' ? '\n' : ' ');
            }
        }
        return out.toString();
    }

    /** Each match of {@code rule} in the code of {@code files}, as "module/path:line: source line". */
    static List<String> find(List<Path> files, Pattern rule, java.util.function.BiPredicate<String, String> allowed) {
        Path root = root();
        List<String> hits = new ArrayList<>();
        for (Path f : files) {
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String[] code = codeOnly(text).split("\n", -1);
            String[] lines = text.split("\n", -1);
            String relative = relative(root, f);
            for (int i = 0; i < code.length; i++) {
                Matcher m = rule.matcher(code[i]);
                if (m.find() && !allowed.test(relative, lines[i].strip())) {
                    hits.add(root.relativize(f) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        return hits;
    }

    /** {@code f}'s path below its module's src/main/java. */
    private static String relative(Path root, Path f) {
        Path r = root.relativize(f);
        return r.subpath(4, r.getNameCount()).toString().replace('\\', '/');
    }

    @Test
    void noObjectInputStreamInMainCode() {
        List<String> hits = find(sources(), OBJECT_INPUT, (file, line) -> false);
        assertEquals(List.of(), hits, "Java deserialization in main code");
    }

    @Test
    void noArraysEqualsOnSecretsOrAuthenticators() {
        List<String> hits = find(sources(), ARRAYS_EQUALS,
                (file, line) -> ARRAYS_EQUALS_ALLOWED.containsKey(file + "|" + line) && !SENSITIVE.matcher(line
                        .replace("Arrays.equals", "")).find());
        assertEquals(List.of(), hits, "Arrays.equals in main code: compare MACs, tags, signatures and hashes with "
                + "ssh.api.crypto.ConstantTime.equals or MessageDigest.isEqual; add a comparison of public data to "
                + "SourceRulesTest.ARRAYS_EQUALS_ALLOWED with its reason");
    }

    /** Every allow-list entry still matches a line, so the list cannot rot into a blanket pass. */
    @Test
    void allowListHasNoStaleEntries() {
        List<String> all = find(sources(), ARRAYS_EQUALS, (file, line) -> false);
        TreeSet<String> stale = new TreeSet<>();
        for (String key : ARRAYS_EQUALS_ALLOWED.keySet()) {
            String[] parts = key.split("\\|", 2);
            if (all.stream().noneMatch(h -> h.replace('\\', '/').contains(parts[0] + ":") && h.endsWith(": " + parts[1]))) {
                stale.add(key);
            }
        }
        assertEquals(new TreeSet<>(), stale, "allow-list entries matching no source line");
    }

    /** The scanner itself: comments and strings are blanked, code is kept, line numbers hold. */
    @Test
    void codeOnlyBlanksCommentsAndStrings() {
        String src = "a(); // ObjectInputStream\n/* Arrays.equals(x, y)\n */ s = \"Arrays.equals(\\\"\"; c = '\\'';\nArrays.equals(m, t);";
        String code = codeOnly(src);
        assertEquals(4, code.split("\n", -1).length);
        assertTrue(!OBJECT_INPUT.matcher(code).find(), code);
        Matcher m = ARRAYS_EQUALS.matcher(code);
        assertTrue(m.find() && code.lastIndexOf("Arrays.equals") == m.start() && !m.find(), code);
    }
}
