package ssh.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short soak in CI (issue 10): {@code bin/secsh-soak --quick} in this JVM, 100 connect, login,
 * exec and close cycles, then 10 sessions streaming checked data for 10 s; it passes only if every
 * cycle and session succeeded and live platform threads, open file descriptors and heap after GC
 * came back to the baseline ({@link SoakCheckpoints}). The long run and its figures are in
 * docs/SECURITY.md and docs/BENCHMARKS.md.
 */
class SoakQuickTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void quickSoakReturnsToItsBaseline() throws Exception {
        Soak soak = new Soak();
        soak.parse(new String[] {"--quick"});
        assertTrue(soak.runClients(), "the quick soak failed a check; its table above says which");
    }
}
