package ssh.connection;

/**
 * A channel the peer asked to open whose answer needs slow work first, such as the TCP connect
 * behind {@code direct-tcpip}. The connection registers the channel, then calls {@link #decide()}
 * on its dispatcher instead of confirming at once; the work runs elsewhere (a virtual thread) and
 * ends with {@link Connection#confirmOpen} or {@link Connection#refuseOpen}, so one slow target
 * never holds up the other channels.
 */
interface DeferredOpen {
    /** Starts the work; must return at once, and must end in a confirmation or a refusal. */
    void decide();
}
