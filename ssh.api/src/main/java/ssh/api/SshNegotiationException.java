package ssh.api;

import java.util.List;
import ssh.api.wire.DisconnectReason;

/** The two sides' KEXINIT lists share no algorithm for one category. */
public final class SshNegotiationException extends SshProtocolException {
    private static final long serialVersionUID = 1L;

    private final String category;
    @SuppressWarnings("serial") // always an immutable, serializable List.copyOf
    private final List<String> ours;
    @SuppressWarnings("serial") // always an immutable, serializable List.copyOf
    private final List<String> theirs;

    public SshNegotiationException(String category, List<String> ours, List<String> theirs) {
        super(DisconnectReason.KEY_EXCHANGE_FAILED, "no matching " + category + " found: ours ["
                + String.join(",", ours) + "], theirs [" + String.join(",", theirs) + "]");
        this.category = category;
        this.ours = List.copyOf(ours);
        this.theirs = List.copyOf(theirs);
    }

    /** The category that failed, e.g. {@code "cipher client->server"}. */
    public String category() {
        return category;
    }

    public List<String> ours() {
        return ours;
    }

    public List<String> theirs() {
        return theirs;
    }
}
