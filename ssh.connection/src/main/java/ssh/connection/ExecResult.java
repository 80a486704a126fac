package ssh.connection;

import java.nio.charset.StandardCharsets;

/**
 * What a remote command produced: its standard output and error, and how it ended.
 *
 * @param stdout everything the command wrote to standard output
 * @param stderr everything it wrote to standard error
 * @param exit its exit status or signal
 */
public record ExecResult(byte[] stdout, byte[] stderr, Session.ExitStatus exit) {
    /** Standard output as UTF-8 text. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Standard error as UTF-8 text. */
    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** The exit status, or -1 when the command was killed by a signal or the server sent no status. */
    public int exitStatus() {
        return exit.status() == null ? -1 : exit.status();
    }
}
