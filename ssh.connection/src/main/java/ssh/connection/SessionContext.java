package ssh.connection;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ssh.auth.AuthenticatedUser;

/** What a {@link SessionHandler} serves: who asked, for what, with which terminal, and the streams to the client. */
public interface SessionContext {
    /** A pseudo-terminal the client asked for ({@code pty-req}), with its latest size. */
    record Pty(String term, int columns, int rows, byte[] modes) {
    }

    /** Who logged in, and with what (authorized_keys options among the attributes). */
    AuthenticatedUser user();

    /** {@code "exec"}, {@code "shell"} or {@code "subsystem"}. */
    String kind();

    /** The command for exec, the subsystem's name for subsystem, null for a shell. */
    String command();

    /** The variables the client set with {@code env} (all of them: a handler chooses what to honour). */
    Map<String, String> environment();

    Optional<Pty> pty();

    /** What the client sends; end of stream at its EOF. */
    InputStream stdin();

    OutputStream stdout();

    /** Extended data of type 1. */
    OutputStream stderr();

    /** The client's IP address. */
    String clientAddress();

    /**
     * Lets the handler hear the client's {@code signal} requests (names without "SIG", e.g.
     * {@code TERM}), and {@code HUP} when the channel goes away before the handler returns.
     */
    void onSignal(Consumer<String> listener);

    /**
     * Ends the session with {@code exit-signal} (a name without "SIG", e.g. {@code TERM}) instead
     * of the exit status the handler returns: the program was killed by that signal.
     */
    void exitSignal(String signal);
}
