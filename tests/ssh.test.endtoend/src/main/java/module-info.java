/** Test-only: end-to-end tests of the SDK over in-memory pipes and loopback, with and against OpenSSH. */
module ssh.test.endtoend {
    requires ssh.transport;
    requires ssh.auth;
    requires ssh.connection;
    requires ssh.kex;
    requires ssh.cipher;
    requires ssh.provider.jca;
    requires ssh.provider.bc;
    requires jdk.management;
}
