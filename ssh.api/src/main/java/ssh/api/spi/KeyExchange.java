package ssh.api.spi;

import ssh.api.SshException;

/**
 * One run of a key-exchange method, from just after both KEXINITs to just before NEWKEYS. It
 * exchanges its own messages (numbers 30-49) over a {@link KexTransport} and returns H, K and the
 * server's host key and signature; the transport checks that signature and derives the keys.
 */
public interface KeyExchange {
    /** Runs the client's side. */
    KexResult client(KexTransport transport, KexInput input) throws SshException;

    /** Runs the server's side, signing H with {@code input.hostKeySigner()}. */
    KexResult server(KexTransport transport, KexInput input) throws SshException;
}
