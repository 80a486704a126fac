package ssh.tools.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import ssh.transport.TransportConfig;

/**
 * The command-line tools' parsers (this class shares their package on the class path): an
 * ssh_config/sshd_config file with {@code Host} and {@code Match} blocks, {@code -o} options, the
 * destination operand, forwarding specifications and OpenSSH's time and size units, then the
 * client's transport settings and the server's forwarding policy built from the result. The tools
 * report bad input as a usage error, an I/O error (SshException included) or an
 * IllegalArgumentException, which their main methods print; anything else is a finding.
 */
class ToolsConfigFuzzTest {
    private static final Path FILE = file();

    private static Path file() {
        try {
            Path f = Files.createTempFile("secsh-fuzz", ".config");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void expectOnlyToolErrors(Step step) {
        try {
            step.run();
        } catch (Getopt.UsageException | IOException | IllegalArgumentException expected) {
            // reported to the user by secsh or secshd
        } catch (Exception e) {
            throw new AssertionError("tools threw " + e, e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void configFiles(FuzzedDataProvider data) {
        String option = data.consumeString(200);
        String destination = data.consumeString(200);
        byte[] content = data.consumeRemainingAsBytes();
        SshConfig options = new SshConfig();
        expectOnlyToolErrors(() -> options.add(option));
        expectOnlyToolErrors(() -> Destination.parse(destination));
        expectOnlyToolErrors(() -> {
            Files.write(FILE, content);
            options.read(FILE, "host.example");
        });
        expectOnlyToolErrors(() -> new ClientSetup(options, new Prompts(true, Map.of()), Map.of())
                .transport(TransportConfig.client().hostKeyVerifier((h, p, k) -> true)).build());
        expectOnlyToolErrors(() -> Secshd.forwardingPolicy(options));
        expectOnlyToolErrors(() -> options.seconds("ConnectTimeout", 30));
        expectOnlyToolErrors(() -> options.seconds("LoginGraceTime", 120));
        for (String forward : options.all("LocalForward")) {
            expectOnlyToolErrors(() -> Forwards.fields(forward));
        }
    }
}
