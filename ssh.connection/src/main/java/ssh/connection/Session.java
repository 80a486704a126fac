package ssh.connection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ssh.api.SshException;
import ssh.api.SshTimeoutException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * The client's side of a session channel (RFC 4254 section 6): ask for a pseudo-terminal and
 * environment variables, then start one of a command ({@link #exec}), a shell or a subsystem, and
 * read its output and exit status. The streams are the channel's.
 */
public final class Session extends Channel {
    /** How long a request with a reply may take. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private volatile ExitStatus status = new ExitStatus(null, null, false, "");

    /** How the remote program ended: an exit status, or the signal that killed it. */
    public record ExitStatus(Integer status, String signal, boolean coreDumped, String message) {
        /** Whether the program exited with status 0. */
        public boolean success() {
            return status != null && status == 0;
        }
    }

    Session(Connection connection, int localId, String type) {
        super(connection, localId, type);
    }

    /** Asks for a pseudo-terminal of type {@code term} (e.g. {@code xterm-256color}) and size. */
    public void requestPty(String term, int columns, int rows, byte[] terminalModes) throws SshException {
        byte[] data = new WireWriter(64).writeUtf8(term).writeUint32(columns).writeUint32(rows).writeUint32(0)
                .writeUint32(0).writeString(terminalModes).toByteArray();
        if (!request("pty-req", true, data, REPLY_TIMEOUT)) {
            throw new SshException("the server refused a pseudo-terminal");
        }
    }

    /** Sets an environment variable for the program (the server may ignore it, as sshd does without AcceptEnv). */
    public void setEnv(String name, String value) throws SshException {
        request("env", false, new WireWriter(64).writeUtf8(name).writeUtf8(value).toByteArray(), REPLY_TIMEOUT);
    }

    /** Runs {@code command}; throws if the server refuses. */
    public void exec(String command) throws SshException {
        start("exec", new WireWriter(command.length() + 8).writeUtf8(command).toByteArray(), command);
    }

    /** Starts the user's login shell. */
    public void shell() throws SshException {
        start("shell", new byte[0], "shell");
    }

    /** Starts subsystem {@code name} (e.g. {@code sftp}). */
    public void subsystem(String name) throws SshException {
        start("subsystem", new WireWriter(name.length() + 8).writeUtf8(name).toByteArray(), "subsystem " + name);
    }

    private void start(String type, byte[] data, String what) throws SshException {
        if (!request(type, true, data, REPLY_TIMEOUT)) {
            throw new SshException("the server refused to start " + what);
        }
    }

    /** Tells the program the terminal's new size. */
    public void windowChange(int columns, int rows) throws SshException {
        request("window-change", false, new WireWriter(16).writeUint32(columns).writeUint32(rows).writeUint32(0)
                .writeUint32(0).toByteArray(), REPLY_TIMEOUT);
    }

    /** Sends a BREAK of {@code millis} milliseconds (RFC 4335); whether the server performed it. */
    public boolean sendBreak(int millis) throws SshException {
        return request("break", true, new WireWriter(4).writeUint32(millis).toByteArray(), REPLY_TIMEOUT);
    }

    /** Sends signal {@code name} (without "SIG", e.g. {@code TERM}) to the program. */
    public void signal(String name) throws SshException {
        request("signal", false, new WireWriter(16).writeUtf8(name).toByteArray(), REPLY_TIMEOUT);
    }

    /**
     * Waits for the channel to close and returns how the program ended; the status and signal are
     * both null if the server sent neither.
     */
    public ExitStatus waitFor(Duration timeout) throws SshException {
        try {
            return exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SshTimeoutException("the remote program did not end within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException("interrupted", e);
        } catch (ExecutionException e) {
            throw new SshException("session failed", e.getCause());
        }
    }

    @Override
    boolean onRequest(String requestType, WireReader data) throws SshException {
        switch (requestType) {
            case "exit-status" -> status = new ExitStatus(data.readUint32("exit status"), null, false, "");
            case "exit-signal" -> {
                String signal = data.readUtf8("signal name", 64);
                boolean core = data.readBoolean("core dumped");
                status = new ExitStatus(null, signal, core, data.readUtf8("error message", 4096));
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    void closed() {
        exit.complete(status);
    }
}
