package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/secsh-jlink} builds the minimal runtime image (client, server, keygen; JCA only) and
 * its java.base-only twin, and the image works: it lists only the JCA provider and runs the demo.
 */
class JlinkImageTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + command);
        assertEquals(0, p.exitValue(), command + " said:\n" + out);
        return out;
    }

    @Test
    void imageBuildsAndRunsTheDemo() throws Exception {
        String sizes = run(List.of(ROOT.resolve("bin/secsh-jlink").toString()));
        System.out.print(sizes);
        assertTrue(sizes.contains("secsh adds: "), sizes);
        Path image = ROOT.resolve("target/jlink/secsh/bin");
        assertEquals("jca\n", run(List.of(image.resolve("secsh").toString(), "-Q", "provider")));
        String demo = run(List.of(image.resolve("java").toString(), "-m", "ssh.tools/ssh.tools.demo.Demo"));
        assertTrue(demo.contains("demo: OK"), demo);
    }
}
