/**
 * The SSH transport layer (RFC 4253): version exchange, binary packets, algorithm negotiation, key
 * exchange and rekeying. Algorithms come from the registry in {@code ssh.api}; this module never
 * requires {@code ssh.kex} or {@code ssh.cipher}.
 */
module ssh.transport {
    requires transitive ssh.api;

    exports ssh.transport;
}
