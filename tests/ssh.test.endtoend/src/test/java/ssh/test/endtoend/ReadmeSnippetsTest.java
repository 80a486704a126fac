package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md compiles against the SDK as an application sees it:
 * the module path of this test with {@code ssh.connection} (and what it re-exports) resolved.
 *
 * <p>A block of statements becomes the body of a method that declares {@code throws Exception};
 * the variables a block uses without declaring are that method's parameters, from
 * {@link #FREE_VARIABLES}. A block of module directives (the vendor's {@code provides} line) is
 * compiled as a module declaration together with the sources of examples/vendor-cipher, so it
 * must name the example's real class. No block is skipped: the test counts the blocks in the
 * README's text and the classes javac wrote, and they must agree.
 *
 * <p>javac comes from {@link ToolProvider} (in {@code java.base}), so this module needs no
 * {@code requires java.compiler}.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Path README = ROOT.resolve("README.md");
    private static final Path VENDOR_EXAMPLE = ROOT.resolve("examples/vendor-cipher/src/main/java");
    /** The module an application requires; the snippets see what it exports and re-exports. */
    private static final String APPLICATION_MODULE = "ssh.connection";
    private static final List<String> JDK_IMPORTS = List.of(
            "java.io", "java.net", "java.nio.file", "java.time", "java.util", "java.util.function");
    private static final Pattern OPENING_FENCE = Pattern.compile("^```java[ \t]*$", Pattern.MULTILINE);
    private static final Pattern MODULE_DIRECTIVE = Pattern.compile("^(requires|exports|opens|uses|provides)\\s.*");

    /**
     * What the README's snippets use without declaring, as the wrapper method's parameters. Every
     * entry must be used by some snippet, so the table cannot quietly outlive the README.
     */
    private static final Map<String, String> FREE_VARIABLES = Map.of(
            "hostKey", "SshKeyPair hostKey",                    // the server's key pair ("A server in a few lines")
            "serverTransport", "Transport serverTransport");    // an accepted transport ("The server side ...")

    /** One {@code ```java} block: its number in the README (from 1), the line it starts on, and its text. */
    record Snippet(int number, int line, String code) {
        boolean isModuleDirectives() {
            List<String> lines = code.lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("//")).toList();
            return !lines.isEmpty() && lines.stream().allMatch(l -> MODULE_DIRECTIVE.matcher(l).matches());
        }

        String className() {
            return "Snippet" + number;
        }
    }

    @Test
    void everyJavaBlockOfTheReadmeCompiles(@TempDir Path dir) throws IOException {
        String readme = Files.readString(README);
        List<Snippet> snippets = extract(readme);
        long fences = OPENING_FENCE.matcher(readme).results().count();
        assertTrue(fences > 0, "README.md has no ```java block: wrong file? " + README);
        assertEquals(fences, snippets.size(), "every ```java block must be extracted (an unclosed fence?)");
        for (String variable : FREE_VARIABLES.keySet()) {
            assertTrue(snippets.stream().anyMatch(s -> uses(s, variable)),
                    "FREE_VARIABLES declares " + variable + ", which no snippet uses any more: remove it");
        }

        List<Snippet> statements = snippets.stream().filter(s -> !s.isModuleDirectives()).toList();
        List<Snippet> modules = snippets.stream().filter(Snippet::isModuleDirectives).toList();
        int compiled = compileStatements(statements, dir.resolve("statements"));
        for (Snippet s : modules) {
            compiled += compileModuleDirectives(s, dir.resolve("module" + s.number()));
        }
        assertEquals(fences, compiled, "each ```java block must compile to a class of its own");
    }

    /** The {@code ```java} blocks of {@code markdown}, in order. */
    static List<Snippet> extract(String markdown) {
        List<Snippet> found = new ArrayList<>();
        List<String> lines = markdown.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (OPENING_FENCE.matcher(lines.get(i)).matches()) {
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                if (end < lines.size()) {
                    found.add(new Snippet(found.size() + 1, start + 1, String.join("\n", lines.subList(start, end))));
                }
                i = end;
            }
        }
        return found;
    }

    private static boolean uses(Snippet s, String variable) {
        return Pattern.compile("\\b" + Pattern.quote(variable) + "\\b").matcher(s.code()).find();
    }

    /** Wraps each block in a method of its own class, compiles them in one run, and counts the classes written. */
    private static int compileStatements(List<Snippet> snippets, Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/readme"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-Xlint:deprecation,removal",
                "-d", classes.toString(), "--module-path", modulePath(), "--add-modules", APPLICATION_MODULE,
                "-cp", System.getProperty("java.class.path")));
        for (Snippet s : snippets) {
            Path file = sources.resolve(s.className() + ".java");
            Files.writeString(file, wrap(s));
            args.add(file.toString());
        }
        javac(args, snippets);
        return (int) snippets.stream().filter(s -> Files.isRegularFile(classes.resolve("readme/" + s.className()
                + ".class"))).count();
    }

    static String wrap(Snippet s) {
        String parameters = FREE_VARIABLES.entrySet().stream().filter(e -> uses(s, e.getKey()))
                .map(Map.Entry::getValue).sorted().collect(Collectors.joining(", "));
        String imports = Stream.concat(JDK_IMPORTS.stream(), applicationPackages().stream())
                .map(p -> "import " + p + ".*;\n").collect(Collectors.joining());
        String body = s.code().lines().map(l -> "        " + l).collect(Collectors.joining("\n"));
        return "// README.md, ```java block " + s.number() + ", from line " + s.line() + "\n"
                + "package readme;\n\n" + imports + "\n"
                + "final class " + s.className() + " {\n"
                + "    private " + s.className() + "() {\n    }\n\n"
                + "    static void run(" + parameters + ") throws Exception {\n" + body + "\n    }\n}\n";
    }

    /** The packages exported to everyone by the application module and the modules it requires transitively. */
    private static List<String> applicationPackages() {
        TreeSet<String> packages = new TreeSet<>();
        List<String> pending = new ArrayList<>(List.of(APPLICATION_MODULE));
        while (!pending.isEmpty()) {
            ModuleDescriptor d = ModuleLayer.boot().findModule(pending.removeLast())
                    .orElseThrow(() -> new AssertionError("an SDK module is not on the module path"))
                    .getDescriptor();
            d.exports().stream().filter(e -> !e.isQualified()).forEach(e -> packages.add(e.source()));
            d.requires().stream().filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                    .forEach(r -> pending.add(r.name()));
        }
        return List.copyOf(packages);
    }

    /**
     * Compiles a block of module directives as the body of a module declaration, with the sources
     * of examples/vendor-cipher (less its own module-info): the classes the README names must exist.
     */
    private static int compileModuleDirectives(Snippet s, Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(sources.resolve("module-info.java"), "// README.md, ```java block " + s.number()
                + ", from line " + s.line() + "\nmodule readme.snippet" + s.number() + " {\n    requires ssh.api;\n"
                + s.code().lines().map(l -> "    " + l).collect(Collectors.joining("\n")) + "\n}\n");
        List<String> args = new ArrayList<>(List.of("--release", "21", "-proc:none", "-d", classes.toString(),
                "--module-path", modulePath(), sources.resolve("module-info.java").toString()));
        try (Stream<Path> example = Files.walk(VENDOR_EXAMPLE)) {
            example.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java"))
                    .forEach(p -> args.add(p.toString()));
        }
        javac(args, List.of(s));
        return Files.isRegularFile(classes.resolve("module-info.class")) ? 1 : 0;
    }

    private static String modulePath() {
        String path = System.getProperty("jdk.module.path");
        assertTrue(path != null && !path.isBlank(), "the tests run on the module path (see the parent POM)");
        return path;
    }

    private static void javac(List<String> args, List<Snippet> snippets) {
        ToolProvider javac = ToolProvider.findFirst("javac")
                .orElseThrow(() -> new AssertionError("no javac here: run the tests on a JDK with jdk.compiler"));
        StringWriter out = new StringWriter();
        int status;
        try (PrintWriter w = new PrintWriter(out)) {
            status = javac.run(w, w, args.toArray(String[]::new));
        }
        String where = snippets.stream().map(s -> "Snippet" + s.number() + " is README.md line " + s.line())
                .collect(Collectors.joining("; "));
        assertEquals(0, status, "javac failed (" + where + "):\n" + out);
    }
}
