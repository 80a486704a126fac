package ssh.auth.method;

import java.util.Set;
import ssh.api.SshException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.algorithms.AuthNames;
import ssh.api.crypto.Primitive;
import ssh.api.spi.ServerAuthContext;
import ssh.api.spi.ServerAuthMethod;
import ssh.api.spi.ServerAuthMethodFactory;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/** The server's {@code none} method: never succeeds, so the client learns which methods to use. */
public final class NoneServer implements ServerAuthMethodFactory {
    @Override
    public String name() {
        return AuthNames.NONE;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public ServerAuthMethod create(ServerAuthContext context) {
        return new ServerAuthMethod() {
            @Override
            public Step onRequest(String user, WireReader methodFields, WireWriter reply) throws SshException {
                methodFields.requireEnd("none request");
                return Step.FAILURE;
            }

            @Override
            public Step onMessage(int messageNumber, WireReader message, WireWriter reply) throws SshException {
                throw new SshUnexpectedMessageException("USERAUTH_REQUEST", messageNumber);
            }
        };
    }
}
