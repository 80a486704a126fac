/**
 * The SSH connection layer (RFC 4254): channels, sessions, port forwarding, and the one-call client
 * and server. This is the module an application requires; it re-exports the layers below.
 */
module ssh.connection {
    requires transitive ssh.auth;

    exports ssh.connection;
}
