package ssh.test.endtoend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import ssh.api.SshException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyPair;
import ssh.api.wire.WireWriter;
import ssh.auth.AuthenticatedUser;
import ssh.auth.ServerAuthConfig;
import ssh.auth.UserAuthServer;
import ssh.auth.keys.PublicKeyFile;
import ssh.transport.Transport;

/** Test helpers for user authentication over connected {@link Peers}. */
final class AuthPeers {
    private AuthPeers() {
    }

    /** Runs the server's authentication in the background, on its own (virtual) thread. */
    static CompletableFuture<AuthenticatedUser> serve(Transport server, ServerAuthConfig config) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return UserAuthServer.authenticate(server, config);
            } catch (SshException e) {
                throw new CompletionException(e);
            }
        }, Thread::startVirtualThread);
    }

    /** The exception the server's authentication ended with (it must end within the timeout). */
    static SshException serverFailure(CompletableFuture<AuthenticatedUser> server) throws Exception {
        try {
            AuthenticatedUser u = server.get(Peers.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the server authenticated " + u);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SshException s) {
                return s;
            }
            throw e;
        }
    }

    static SshKeyPair ed25519() throws SshException {
        return Peers.hostKey("ssh-ed25519", Primitive.ED25519, 0);
    }

    static Path authorizedKeys(Path dir, String options, SshKeyPair... keys) throws Exception {
        StringBuilder text = new StringBuilder();
        for (SshKeyPair k : keys) {
            text.append(options.isEmpty() ? "" : options + " ").append(PublicKeyFile.line(k.publicKey(), "test"))
                    .append('\n');
        }
        return Files.writeString(dir.resolve("authorized_keys"), text);
    }

    /** Sends one raw message: its number, then strings or booleans or ints as given. */
    static void send(Transport t, int number, Object... fields) throws SshException {
        WireWriter w = new WireWriter(256).writeByte(number);
        for (Object f : fields) {
            switch (f) {
                case String s -> w.writeUtf8(s);
                case Boolean b -> w.writeBoolean(b);
                case Integer i -> w.writeUint32(i);
                case byte[] b -> w.writeString(b);
                default -> throw new IllegalArgumentException(f.toString());
            }
        }
        t.send(w.array(), 0, w.length());
    }
}
