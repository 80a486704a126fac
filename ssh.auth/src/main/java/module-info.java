/**
 * The SSH user-authentication layer (RFC 4252, RFC 4256): auth methods for both roles, key files,
 * known_hosts and the ssh-agent client. Sees only the transport layer and {@code ssh.api}.
 */
module ssh.auth {
    requires transitive ssh.transport;

    exports ssh.auth;
    exports ssh.auth.agent;
    exports ssh.auth.keys;
    exports ssh.auth.knownhosts;

    provides ssh.api.spi.ClientAuthMethodFactory with
            ssh.auth.method.PublicKeyClient,
            ssh.auth.method.KeyboardInteractiveClient,
            ssh.auth.method.PasswordClient,
            ssh.auth.method.NoneClient;
    provides ssh.api.spi.ServerAuthMethodFactory with
            ssh.auth.method.PublicKeyServer,
            ssh.auth.method.KeyboardInteractiveServer,
            ssh.auth.method.PasswordServer,
            ssh.auth.method.NoneServer;
}
