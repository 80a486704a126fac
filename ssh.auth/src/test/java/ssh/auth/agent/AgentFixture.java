package ssh.auth.agent;

import ssh.auth.testing.OpenSshTools;
import ssh.auth.testing.OpenSshTools.Result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real OpenSSH ssh-agent on a socket in a temporary directory, plus ssh-keygen and ssh-add helpers. */
final class AgentFixture implements AutoCloseable {
    static final Path SSH_AGENT = Path.of("/usr/bin/ssh-agent");
    static final Path SSH_ADD = Path.of("/usr/bin/ssh-add");
    static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    final Path dir;
    final Path socket;
    private final Process agent;

    private AgentFixture(Path dir, Path socket, Process agent) {
        this.dir = dir;
        this.socket = socket;
        this.agent = agent;
    }

    /** Skips loudly without the OpenSSH tools, or fails when {@code SECSH_INTEROP=require}. */
    static void assumeOpenSsh() {
        OpenSshTools.assumeInstalled(SSH_AGENT, SSH_ADD, SSH_KEYGEN);
    }

    /** Starts {@code ssh-agent -D -a dir/agent.sock} and waits for its socket. */
    static AgentFixture start(Path dir) throws IOException, InterruptedException {
        assumeOpenSsh();
        Path socket = dir.resolve("agent.sock");
        Process p = new ProcessBuilder(SSH_AGENT.toString(), "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("ssh-agent did not create " + socket + ": " + Files.readString(dir.resolve("agent.log")));
            }
            Thread.sleep(20);
        }
        return new AgentFixture(dir, socket, p);
    }

    /** Generates an unencrypted key of {@code type} with {@code comment}; returns the private key file. */
    Path keygen(String type, String comment, String... extra) throws IOException, InterruptedException {
        Path file = dir.resolve(type + "-" + comment);
        List<String> cmd = new java.util.ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q", "-t", type, "-N", "", "-C", comment,
                "-f", file.toString()));
        cmd.addAll(List.of(extra));
        assertEquals(0, run(cmd).exit(), "ssh-keygen " + type);
        return file;
    }

    /** Runs {@code ssh-add args...} against this agent. */
    Result sshAdd(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(SSH_ADD.toString()));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    Result run(List<String> command) throws IOException, InterruptedException {
        return OpenSshTools.run(command, java.util.Map.of("SSH_AUTH_SOCK", socket.toString()));
    }

    @Override
    public void close() {
        agent.destroy();
        try {
            if (!agent.waitFor(5, TimeUnit.SECONDS)) {
                agent.destroyForcibly();
            }
        } catch (InterruptedException e) {
            agent.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
