package ssh.auth;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshTimeoutException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.AuthNames;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.ServerAuthMethod;
import ssh.api.spi.ServerAuthMethodFactory;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The server's side of user authentication (RFC 4252): accepts the {@code ssh-userauth} service,
 * answers requests with the configured authenticators until the client completes one of the
 * method chains, and ends the connection with DISCONNECT when the client breaks the protocol,
 * fails {@code MaxAuthTries} times or takes longer than {@code LoginGraceTime}.
 *
 * <p>Every request takes the same path whether or not the user exists, and every failure of a
 * method that carries a credential is answered no sooner than {@link ServerAuthConfig#failureDelay()}
 * after the request arrived ({@code none}, which every client sends first, is answered at once).
 */
public final class UserAuthServer {
    private static final Logger LOG = System.getLogger(UserAuthServer.class.getName());
    private static final int MAX_USER = 256;
    private static final int MAX_NAME = 64;

    private final Transport transport;
    private final ServerAuthConfig config;
    private final ServerContext context;
    private final Map<String, ServerAuthMethodFactory> factories = new HashMap<>();
    private final Map<String, ServerAuthMethod> methods = new HashMap<>();
    private final MethodChains chains;
    private final List<String> succeeded = new ArrayList<>();
    private final long deadline;
    private String user;
    private String pending;
    private boolean bannerSent;
    private int failures;
    /** USERAUTH_REQUEST messages taken so far. */
    private int requests;

    private UserAuthServer(Transport transport, ServerAuthConfig config) throws SshException {
        this.transport = transport;
        this.config = config;
        this.deadline = System.nanoTime() + config.loginGraceTime().toNanos();
        TransportConfig tc = transport.config();
        AlgorithmRegistry registry = tc.registry();
        ProviderChain chain = transport.crypto();
        for (ServerAuthMethodFactory f : registry.available(AlgorithmFamily.SERVER_AUTH, chain)) {
            factories.put(f.name(), f);
        }
        this.context = new ServerContext(transport, config, registry, chain);
        this.chains = new MethodChains(config.chains());
    }

    /**
     * Authenticates the client on {@code transport}. Returns who logged in once USERAUTH_SUCCESS
     * is sent; otherwise disconnects with the RFC's reason code and throws.
     */
    public static AuthenticatedUser authenticate(Transport transport, ServerAuthConfig config) throws SshException {
        UserAuthServer server = new UserAuthServer(transport, config);
        try {
            return server.run();
        } catch (SshTimeoutException e) {
            transport.disconnect(DisconnectReason.BY_APPLICATION, "login grace time exceeded");
            throw e;
        } catch (SshException e) {
            if (transport.isOpen()) {
                transport.disconnect(e.reasonCode() != 0 ? e.reasonCode() : DisconnectReason.PROTOCOL_ERROR,
                        e.getMessage());
            }
            throw e;
        }
    }

    private AuthenticatedUser run() throws SshException {
        Payload first = transport.receive(remaining());
        if (first.messageNumber() != MessageNumbers.SERVICE_REQUEST) {
            throw new SshUnexpectedMessageException("SERVICE_REQUEST", first.messageNumber());
        }
        String service = first.reader().readUtf8("service name", MAX_NAME);
        if (!service.equals(UserAuthClient.USERAUTH_SERVICE)) {
            throw new SshException(DisconnectReason.SERVICE_NOT_AVAILABLE, "service not available: " + service,
                    null);
        }
        WireWriter accept = new WireWriter(32).writeByte(MessageNumbers.SERVICE_ACCEPT).writeUtf8(service);
        transport.send(accept.array(), 0, accept.length());
        while (true) {
            Payload p = transport.receive(remaining());
            long arrived = System.nanoTime();
            int msg = p.messageNumber();
            WireReader r = p.reader();
            WireWriter reply = new WireWriter(256);
            ServerAuthMethod.Step step;
            String method;
            if (msg == MessageNumbers.USERAUTH_REQUEST) {
                method = onRequestHead(r);
                requests++;
                ServerAuthMethod m = methodFor(method);
                pending = method;
                step = m == null ? ServerAuthMethod.Step.FAILURE : m.onRequest(user, r, reply);
            } else if (msg >= 60 && msg <= 79 && pending != null) {
                method = pending;
                step = methods.get(method).onMessage(msg, r, reply);
            } else {
                throw new SshUnexpectedMessageException("USERAUTH_REQUEST", msg);
            }
            switch (step) {
                case REPLIED -> transport.send(reply.array(), 0, reply.length());
                case SUCCESS -> {
                    pending = null;
                    succeeded.add(method);
                    LOG.log(Level.DEBUG, "Accepted {0} for {1} from {2}", method, user, transport.peerHost());
                    if (chains.complete(method)) {
                        WireWriter ok = new WireWriter(1).writeByte(MessageNumbers.USERAUTH_SUCCESS);
                        transport.send(ok.array(), 0, ok.length());
                        return new AuthenticatedUser(user, succeeded, context.granted);
                    }
                    sendFailure(true);
                }
                case FAILURE -> {
                    pending = null;
                    // "none" carries no credential and its answer is the same for every user: it is
                    // not padded, and (as in OpenSSH) one that opens the exchange is not a failure.
                    boolean none = method.equals(AuthNames.NONE);
                    if (!(none && requests == 1) && ++failures >= config.maxAuthTries()) {
                        throw new SshException(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE,
                                "Too many authentication failures", null);
                    }
                    if (!none) {
                        pad(arrived);
                    }
                    sendFailure(false);
                }
            }
        }
    }

    /** Reads user, service and method; the user may not change and the service must be ssh-connection. */
    private String onRequestHead(WireReader r) throws SshException {
        String name = r.readUtf8("user name", MAX_USER);
        String service = r.readUtf8("service name", MAX_NAME);
        String method = r.readUtf8("method name", MAX_NAME);
        if (!service.equals(UserAuthClient.CONNECTION_SERVICE)) {
            throw new SshException(DisconnectReason.SERVICE_NOT_AVAILABLE, "service not available: " + service,
                    null);
        }
        if (user == null) {
            user = name;
        } else if (!user.equals(name)) {
            throw new SshProtocolException("the user name changed during authentication");
        }
        if (!bannerSent && config.banner() != null) {
            WireWriter b = new WireWriter(config.banner().length() + 16).writeByte(MessageNumbers.USERAUTH_BANNER)
                    .writeUtf8(config.banner()).writeUtf8("");
            transport.send(b.array(), 0, b.length());
        }
        bannerSent = true;
        return method;
    }

    /** The method instance for {@code name}, or null when it is not one the client may use now. */
    private ServerAuthMethod methodFor(String name) {
        boolean allowed = name.equals(AuthNames.NONE) || chains.next().contains(name);
        ServerAuthMethodFactory f = factories.get(name);
        if (!allowed || f == null) {
            return null;
        }
        return methods.computeIfAbsent(name, n -> f.create(context));
    }

    private void sendFailure(boolean partial) throws SshException {
        WireWriter w = new WireWriter(64).writeByte(MessageNumbers.USERAUTH_FAILURE).writeNameList(chains.next())
                .writeBoolean(partial);
        transport.send(w.array(), 0, w.length());
    }

    /** Waits until the failure delay has passed since {@code arrived}. */
    private void pad(long arrived) throws SshException {
        long wait = arrived + config.failureDelay().toNanos() - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SshException("interrupted", e);
            }
        }
    }

    private Duration remaining() throws SshTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SshTimeoutException("login grace time of " + config.loginGraceTime() + " exceeded");
        }
        return Duration.ofNanos(left);
    }
}
