package ssh.connection;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final CopyOnWriteArrayList<SshPublicKey> keys = new CopyOnWriteArrayList<>();

    @Override
    public byte[] handle(String name, WireReader data) throws SshException {
        if (!name.equals(REQUEST)) {
            return null;
        }
        int n = 0;
        List<SshPublicKey> announced = new ArrayList<>();
        while (data.remaining() > 0 && n++ < MAX_KEYS) {
            byte[] blob = data.readString("host key", 64 * 1024);
            try {
                SshPublicKey key = SshKeyCodec.publicKey(blob);
                if (!announced.contains(key)) {
                    announced.add(key);
                }
            } catch (SshException unusable) {
                LOG.log(Level.DEBUG, "server announced a host key secsh cannot read: {0}", unusable.getMessage());
            }
        }
        // All at once, so that a reader never sees half an announcement.
        keys.addAllAbsent(announced);
        return null;
    }

    List<SshPublicKey> keys() {
        return List.copyOf(keys);
    }
}
