package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireWriter;
import ssh.auth.AuthenticatedUser;
import ssh.auth.ClientAuthConfig;
import ssh.auth.PasswordAuthenticator;
import ssh.auth.PasswordPrompt;
import ssh.auth.ServerAuthConfig;
import ssh.connection.ForwardingPolicy;
import ssh.connection.SshClient;
import ssh.connection.SshServer;
import ssh.test.endtoend.MatrixOracle.State;
import ssh.transport.Transport;

/**
 * One secsh endpoint brought into a state of the matrix by a {@link MatrixPeer}: as a server, a
 * whole {@link SshServer} (auth, sessions, forwarding) serving the in-memory transport, with
 * counters on its exec handler and forwarding policy; as a client, {@link SshClient} over it.
 */
final class MatrixScenario implements AutoCloseable {
    static final Duration WAIT = EvilPeer.WAIT;

    final Role role;
    final MatrixPeer evil;
    /** Calls of the server's exec handler and of its forwarding policy: side effects that must not happen. */
    final AtomicInteger execs = new AtomicInteger();
    final AtomicInteger forwards = new AtomicInteger();
    private SshServer server;
    /** The secsh side above the transport: SshServer.serve's end, or the SshClient login. */
    CompletableFuture<Object> upper;
    Transport transport;

    private MatrixScenario(Role role) throws Exception {
        this.role = role;
        this.evil = MatrixPeer.against(role == Role.CLIENT ? EvilPeer.client().build() : server().transportConfig());
    }

    private SshServer server() throws Exception {
        ForwardingPolicy counting = new ForwardingPolicy() {
            @Override
            public boolean allowDirectTcpip(AuthenticatedUser user, String host, int port) {
                forwards.incrementAndGet();
                return true;
            }

            @Override
            public boolean allowTcpipForward(AuthenticatedUser user, String address, int port) {
                forwards.incrementAndGet();
                return true;
            }
        };
        server = SshServer.builder().hostKey(AuthPeers.ed25519()).address(InetAddress.getLoopbackAddress()).port(0)
                .auth(ServerAuthConfig.builder().password(PasswordAuthenticator.of(Map.of("robey", "foo"))).build())
                .exec(session -> execs.incrementAndGet()).forwarding(counting).start();
        return server;
    }

    static final ClientAuthConfig PASSWORD = ClientAuthConfig.builder("robey")
            .password(PasswordPrompt.of("foo".toCharArray())).build();

    /** secsh in {@code role}, brought to {@code state} (strict kex agreed from DURING_KEX on). */
    static MatrixScenario reach(Role role, State state) throws Exception {
        MatrixScenario s = new MatrixScenario(role);
        try {
            s.advance(state, PASSWORD);
            return s;
        } catch (Exception | AssertionError e) {
            s.close();
            throw e;
        }
    }

    /**
     * secsh in {@code role} right after NEWKEYS, its layer above started (the server's SshServer, or
     * an SshClient logging in with {@code creds}); nothing after NEWKEYS read or written yet.
     */
    static MatrixScenario keyed(Role role, ClientAuthConfig creds) throws Exception {
        MatrixScenario s = new MatrixScenario(role);
        try {
            s.evil.versions();
            s.evil.sendKexInit(true);
            s.startUpper(creds);
            return s;
        } catch (Exception | AssertionError e) {
            s.close();
            throw e;
        }
    }

    private void startUpper(ClientAuthConfig creds) throws Exception {
        evil.finishKex(true);
        transport = evil.transport();
        if (role == Role.SERVER) {
            upper = async(() -> {
                server.serve(transport);
                return "served";
            });
        } else {
            upper = async(() -> SshClient.builder("matrix.example", 22).over(transport, creds));
        }
    }

    private void advance(State state, ClientAuthConfig creds) throws Exception {
        evil.versions();
        if (state == State.BEFORE_KEX) {
            return;
        }
        evil.sendKexInit(true);
        if (state == State.DURING_KEX) {
            if (role == Role.CLIENT) {
                evil.awaitKexInit();
            }
            return;
        }
        startUpper(creds);
        if (role == Role.SERVER) {
            evil.send(new WireWriter(32).writeByte(MessageNumbers.SERVICE_REQUEST).writeUtf8("ssh-userauth")
                    .toByteArray());
            evil.expect(MessageNumbers.SERVICE_ACCEPT);
            if (state == State.AUTHENTICATED) {
                evil.send(new WireWriter(64).writeByte(MessageNumbers.USERAUTH_REQUEST).writeUtf8("robey")
                        .writeUtf8("ssh-connection").writeUtf8("password").writeBoolean(false).writeUtf8("foo")
                        .toByteArray());
                evil.expect(MessageNumbers.USERAUTH_SUCCESS);
                evil.expect(MessageNumbers.GLOBAL_REQUEST); // hostkeys-00@openssh.com, no reply wanted
            }
        } else {
            evil.expect(MessageNumbers.SERVICE_REQUEST);
            evil.send(new WireWriter(32).writeByte(MessageNumbers.SERVICE_ACCEPT).writeUtf8("ssh-userauth")
                    .toByteArray());
            evil.expect(MessageNumbers.USERAUTH_REQUEST);
            if (state == State.AUTHENTICATED) {
                evil.send(new byte[] {MessageNumbers.USERAUTH_SUCCESS});
                client();
            }
        }
    }

    /** The secsh client, logged in. */
    SshClient client() throws Exception {
        return (SshClient) upper.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How the layer above the transport ended: the exception, or null if it returned. */
    SshException upperFailure() throws Exception {
        try {
            Object result = upper.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (result instanceof SshClient c) {
                return c.connection().awaitEnd(WAIT);
            }
            return null;
        } catch (ExecutionException e) {
            return assertInstanceOf(SshException.class, e.getCause(), "not an SshException");
        }
    }

    /** No exec handler ran, no forwarding was asked for; the client holds no channel. */
    void assertNoSideEffect() throws Exception {
        assertEquals(0, execs.get(), "the server's exec handler ran");
        assertEquals(0, forwards.get(), "the server's forwarding policy was consulted");
        if (role == Role.CLIENT && upper != null && upper.isDone() && !upper.isCompletedExceptionally()) {
            assertTrue(client().connection().channels().isEmpty(), "the client holds a channel");
        }
    }

    private static <T> CompletableFuture<T> async(java.util.concurrent.Callable<T> task) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return task.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, Thread::startVirtualThread);
    }

    @Override
    public void close() {
        evil.close();
        if (upper != null) {
            upper.thenAccept(o -> {
                if (o instanceof SshClient c) {
                    c.close();
                }
            });
        }
        if (server != null) {
            server.close();
        }
    }
}
