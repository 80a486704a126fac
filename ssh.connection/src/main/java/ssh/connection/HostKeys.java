package ssh.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import ssh.api.SshException;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshPublicKey;
import ssh.api.wire.WireReader;

/**
 * The client's global-request handler: it takes OpenSSH's {@code hostkeys-00@openssh.com}, the
 * server's list of all its host keys, and refuses everything else. The keys are only announced,
 * not proved (that would be {@code hostkeys-prove-00@openssh.com}): an application may show them or
 * add them to known_hosts once it trusts the key the connection was made with.
 */
final class HostKeys implements Connection.GlobalRequestHandler {
    static final String REQUEST = "hostkeys-00@openssh.com";
    private static final Logger LOG = System.getLogger(HostKeys.class.getName());
    private static final int MAX_KEYS = 64;

    /** The first announcement; later ones are ignored, as OpenSSH's client refuses them. */
    private volatile List<SshPublicKey> keys;

    @Override
    public byte[] handle(String name, WireReader data) throws SshException {
        if (!name.equals(REQUEST)) {
            return null;
        }
        if (keys != null) {
            LOG.log(Level.DEBUG, "server announced its host keys a second time; ignored");
            return null;
        }
        int n = 0;
        Set<SshPublicKey> announced = new LinkedHashSet<>();
        while (data.remaining() > 0 && n++ < MAX_KEYS) {
            byte[] blob = data.readString("host key", 64 * 1024);
            try {
                announced.add(SshKeyCodec.publicKey(blob));
            } catch (SshException unusable) {
                LOG.log(Level.DEBUG, "server announced a host key secsh cannot read: {0}", unusable.getMessage());
            }
        }
        // All at once, so that a reader never sees half an announcement.
        keys = List.copyOf(announced);
        return null;
    }

    List<SshPublicKey> keys() {
        List<SshPublicKey> k = keys;
        return k != null ? k : List.of();
    }
}
