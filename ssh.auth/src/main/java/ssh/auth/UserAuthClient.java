package ssh.auth;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ssh.api.SshAuthenticationException;
import ssh.api.SshException;
import ssh.api.SshProtocolException;
import ssh.api.SshTimeoutException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.algorithms.AlgorithmFamily;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.spi.ClientAuthMethod;
import ssh.api.spi.ClientAuthMethodFactory;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;
import ssh.transport.Payload;
import ssh.transport.Transport;
import ssh.transport.TransportConfig;

/**
 * The client's side of user authentication (RFC 4252): asks for the {@code ssh-userauth}
 * service, then tries the configured methods the server will take, in preference order, until
 * one succeeds. On partial success it goes on with the methods the server still asks for.
 */
public final class UserAuthClient {
    /** The service the client asks for once authenticated. */
    public static final String CONNECTION_SERVICE = "ssh-connection";
    /** The service this layer is. */
    public static final String USERAUTH_SERVICE = "ssh-userauth";

    private static final Logger LOG = System.getLogger(UserAuthClient.class.getName());
    private static final int MAX_NAME_LIST = 4096;
    private static final int MAX_BANNER = 64 * 1024;

    private final Transport transport;
    private final ClientAuthConfig config;
    private final ClientContext context;
    private final List<ClientAuthMethodFactory> preferred;
    private final Map<String, ClientAuthMethod> started = new HashMap<>();
    private final Set<String> exhausted = new HashSet<>();
    private final List<String> succeeded = new ArrayList<>();
    private final long deadline;
    private String current;

    private UserAuthClient(Transport transport, ClientAuthConfig config) throws SshException {
        this.transport = transport;
        this.config = config;
        this.deadline = System.nanoTime() + config.timeout().toNanos();
        TransportConfig tc = transport.config();
        AlgorithmRegistry registry = tc.registry();
        ProviderChain chain = transport.crypto();
        this.preferred = registry.resolve(AlgorithmFamily.CLIENT_AUTH, transport.role(), config.methods(), chain);
        this.context = new ClientContext(transport, config, registry, chain);
    }

    /**
     * Authenticates {@code config.user()} over {@code transport}. Returns the methods that
     * succeeded, in order, once the server sends USERAUTH_SUCCESS. On failure (no method left,
     * timeout, protocol error) disconnects the transport and throws: an
     * {@link SshAuthenticationException} carries the methods the server would still take.
     */
    public static List<String> authenticate(Transport transport, ClientAuthConfig config) throws SshException {
        UserAuthClient client = new UserAuthClient(transport, config);
        try {
            return client.run();
        } catch (SshAuthenticationException e) {
            transport.disconnect(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, "no more authentication methods");
            throw e;
        } catch (SshTimeoutException e) {
            transport.disconnect(DisconnectReason.BY_APPLICATION, "authentication timed out");
            throw e;
        } catch (SshException e) {
            if (transport.isOpen()) {
                transport.disconnect(e.reasonCode() != 0 ? e.reasonCode() : DisconnectReason.PROTOCOL_ERROR,
                        e.getMessage());
            }
            throw e;
        }
    }

    private List<String> run() throws SshException {
        transport.requestService(USERAUTH_SERVICE, remaining());
        sendRequest("none");
        while (true) {
            Payload p = transport.receive(remaining());
            int msg = p.messageNumber();
            WireReader r = p.reader();
            switch (msg) {
                case MessageNumbers.USERAUTH_BANNER -> {
                    String text = r.readUtf8("banner", MAX_BANNER);
                    r.readUtf8("language tag", 256);
                    config.banner().accept(text);
                }
                case MessageNumbers.USERAUTH_SUCCESS -> {
                    if (current == null) {
                        throw new SshProtocolException("USERAUTH_SUCCESS before any request");
                    }
                    succeeded.add(current);
                    LOG.log(Level.DEBUG, "Authentication succeeded ({0}).", current);
                    return List.copyOf(succeeded);
                }
                case MessageNumbers.USERAUTH_FAILURE -> onFailure(r);
                default -> {
                    ClientAuthMethod method = current == null ? null : started.get(current);
                    if (msg >= 60 && msg <= 79 && method != null) {
                        WireWriter reply = new WireWriter(256);
                        if (method.onMessage(msg, r, reply)) {
                            transport.send(reply.array(), 0, reply.length());
                        }
                    } else {
                        throw new SshUnexpectedMessageException("a USERAUTH reply", msg);
                    }
                }
            }
        }
    }

    private void onFailure(WireReader r) throws SshException {
        List<String> canContinue = List.of(r.readUtf8("methods that can continue", MAX_NAME_LIST).split(",", -1));
        boolean partial = r.readBoolean("partial success");
        if (partial) {
            succeeded.add(current);
            LOG.log(Level.DEBUG, "Authenticated with partial success.");
        }
        LOG.log(Level.DEBUG, "Authentications that can continue: {0}", String.join(",", canContinue));
        if (current != null && !current.equals("none") && !partial && canContinue.contains(current)
                && writeAndSend(current)) {
            return;
        }
        for (ClientAuthMethodFactory f : preferred) {
            String name = f.name();
            if (canContinue.contains(name) && !exhausted.contains(name)) {
                LOG.log(Level.DEBUG, "Next authentication method: {0}", name);
                if (writeAndSend(name)) {
                    return;
                }
            }
        }
        throw new SshAuthenticationException("Permission denied (" + String.join(",", canContinue) + ").",
                canContinue, partial);
    }

    /** Asks method {@code name} for its next request and sends it; false (and exhausted) if it has none. */
    private boolean writeAndSend(String name) throws SshException {
        ClientAuthMethod method = started.get(name);
        if (method == null) {
            ClientAuthMethodFactory f = preferred.stream().filter(m -> m.name().equals(name)).findFirst()
                    .orElseThrow();
            method = f.create(context);
            started.put(name, method);
        }
        WireWriter w = requestHead(name);
        if (!method.writeRequest(w)) {
            exhausted.add(name);
            return false;
        }
        current = name;
        transport.send(w.array(), 0, w.length());
        return true;
    }

    private void sendRequest(String method) throws SshException {
        WireWriter w = requestHead(method);
        current = method;
        transport.send(w.array(), 0, w.length());
    }

    private WireWriter requestHead(String method) {
        return new WireWriter(512).writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8(config.user())
                .writeUtf8(CONNECTION_SERVICE).writeUtf8(method);
    }

    private Duration remaining() throws SshTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SshTimeoutException("authentication did not finish within " + config.timeout());
        }
        return Duration.ofNanos(left);
    }
}
