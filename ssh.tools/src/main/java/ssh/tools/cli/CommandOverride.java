package ssh.tools.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ssh.auth.AuthenticatedUser;
import ssh.connection.SessionContext;

/** A session seen with another command: a {@code Subsystem name command} line runs {@code command}. */
record CommandOverride(SessionContext session, String command) implements SessionContext {
    @Override
    public AuthenticatedUser user() {
        return session.user();
    }

    @Override
    public String kind() {
        return "exec";
    }

    @Override
    public Map<String, String> environment() {
        return session.environment();
    }

    @Override
    public Optional<Pty> pty() {
        return session.pty();
    }

    @Override
    public InputStream stdin() {
        return session.stdin();
    }

    @Override
    public OutputStream stdout() {
        return session.stdout();
    }

    @Override
    public OutputStream stderr() {
        return session.stderr();
    }

    @Override
    public String clientAddress() {
        return session.clientAddress();
    }

    @Override
    public void onSignal(Consumer<String> listener) {
        session.onSignal(listener);
    }

    @Override
    public void exitSignal(String signal) {
        session.exitSignal(signal);
    }
}
