package ssh.auth.method;

import java.util.Set;
import ssh.api.algorithms.AuthNames;
import ssh.api.crypto.Primitive;
import ssh.api.spi.ClientAuthContext;
import ssh.api.spi.ClientAuthMethod;
import ssh.api.spi.ClientAuthMethodFactory;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/** The client's {@code none} method (RFC 4252 section 5.2): one request with no credential. */
public final class NoneClient implements ClientAuthMethodFactory {
    @Override
    public String name() {
        return AuthNames.NONE;
    }

    @Override
    public Set<Primitive> requiredPrimitives() {
        return Set.of();
    }

    @Override
    public ClientAuthMethod create(ClientAuthContext context) {
        return new ClientAuthMethod() {
            private boolean sent;

            @Override
            public boolean writeRequest(WireWriter request) {
                boolean first = !sent;
                sent = true;
                return first;
            }

            @Override
            public boolean onMessage(int messageNumber, WireReader message, WireWriter reply) {
                return false;
            }
        };
    }
}
