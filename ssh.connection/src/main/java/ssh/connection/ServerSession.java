package ssh.connection;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import ssh.api.SshException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.auth.AuthenticatedUser;
import ssh.auth.keys.KeyOptions;

/**
 * The server's side of a session channel: collects {@code pty-req} and {@code env}, starts the
 * configured {@link SessionHandler} for {@code exec}, {@code shell} or {@code subsystem} on its
 * own virtual thread, and ends the channel with the handler's exit status. The options of the
 * authorized_keys line the user logged in with are enforced: {@code command=} replaces what the
 * client asked for (the original goes to {@code SSH_ORIGINAL_COMMAND}), {@code no-pty} refuses a
 * terminal.
 */
final class ServerSession extends Channel implements SessionContext {
    private static final Logger LOG = System.getLogger(ServerSession.class.getName());
    private static final int MAX_ENV = 256;

    private final AuthenticatedUser user;
    private final SessionHandlers handlers;
    private final KeyOptions options;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private volatile Pty pty;
    private volatile Consumer<String> signals = s -> { };
    private volatile String exitSignal;
    private String kind;
    private String command;
    private SessionHandler pending;

    ServerSession(Connection connection, int localId, String type, AuthenticatedUser user, SessionHandlers handlers) {
        super(connection, localId, type);
        this.user = user;
        this.handlers = handlers;
        this.options = user.attribute(KeyOptions.class).orElse(KeyOptions.NONE);
    }

    @Override
    boolean onRequest(String requestType, WireReader r) throws SshException {
        switch (requestType) {
            case "pty-req" -> {
                String term = r.readUtf8("TERM", 256);
                int columns = r.readUint32("columns");
                int rows = r.readUint32("rows");
                r.readUint32("width in pixels");
                r.readUint32("height in pixels");
                byte[] modes = r.readString("terminal modes", 4096);
                if (!options.pty() || kind != null) {
                    return false;
                }
                pty = new Pty(term, columns, rows, modes);
                return true;
            }
            case "env" -> {
                String name = r.readUtf8("variable name", 256);
                String value = r.readUtf8("variable value", 32 * 1024);
                if (kind != null || environment.size() >= MAX_ENV || !handlers.acceptsEnv(name)) {
                    return false;
                }
                environment.put(name, value);
                return true;
            }
            case "exec", "shell", "subsystem" -> {
                String what = requestType.equals("shell") ? null : r.readUtf8("command", 256 * 1024);
                return start(requestType, what);
            }
            case "window-change" -> {
                int columns = r.readUint32("columns");
                int rows = r.readUint32("rows");
                Pty p = pty;
                if (p != null) {
                    pty = new Pty(p.term(), columns, rows, p.modes());
                }
                return true;
            }
            case "signal" -> {
                signals.accept(r.readUtf8("signal name", 64));
                return true;
            }
            case "break" -> {
                r.readUint32("break length");
                return false;  // RFC 4335: no serial line here, so the BREAK was not performed
            }
            default -> {
                return false;
            }
        }
    }

    private boolean start(String requestType, String what) {
        if (kind != null) {
            return false;
        }
        boolean forced = options.forcedCommand() != null;
        SessionHandler handler = forced ? handlers.exec() : switch (requestType) {
            case "exec" -> handlers.exec();
            case "shell" -> handlers.shell();
            default -> handlers.subsystem(what);
        };
        if (handler == null) {
            return false;  // refused: the client may still ask for something else (RFC 4254 section 6.5)
        }
        if (forced) {
            if (what != null && !requestType.equals("subsystem")) {
                environment.put("SSH_ORIGINAL_COMMAND", what);
            }
            kind = "exec";
            command = options.forcedCommand();
        } else {
            kind = requestType;
            command = what;
        }
        pending = handler;
        return true;
    }

    @Override
    void afterRequest() {
        SessionHandler handler = pending;
        pending = null;
        if (handler != null) {
            Thread.ofVirtual().name("secsh-session-" + localId).start(() -> run(handler));
        }
    }

    private void run(SessionHandler handler) {
        int status;
        try {
            status = handler.run(this);
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "session handler failed: {0}", e.toString());
            status = 1;
        }
        try {
            if (isOpen()) {
                String signal = exitSignal;
                if (signal != null) {
                    request("exit-signal", false, new WireWriter(32).writeUtf8(signal).writeBoolean(false)
                            .writeUtf8("").writeUtf8("").toByteArray(), java.time.Duration.ZERO);
                } else {
                    request("exit-status", false, new WireWriter(4).writeUint32(status).toByteArray(),
                            java.time.Duration.ZERO);
                }
                shutdownOutput();
                close();
            }
        } catch (SshException e) {
            LOG.log(Level.DEBUG, "could not end session: {0}", e.getMessage());
        }
    }

    @Override
    void closed() {
        signals.accept("HUP");
    }

    @Override
    public void exitSignal(String signal) {
        exitSignal = signal;
    }

    @Override
    public void onSignal(Consumer<String> listener) {
        signals = listener;
    }

    @Override
    public AuthenticatedUser user() {
        return user;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String command() {
        return command;
    }

    @Override
    public Map<String, String> environment() {
        return Collections.unmodifiableMap(environment);
    }

    @Override
    public Optional<Pty> pty() {
        return Optional.ofNullable(pty);
    }

    @Override
    public InputStream stdin() {
        return getInputStream();
    }

    @Override
    public OutputStream stdout() {
        return getOutputStream();
    }

    @Override
    public OutputStream stderr() {
        return getErrorOutputStream();
    }

    @Override
    public String clientAddress() {
        return connection.transport.peerHost();
    }
}
