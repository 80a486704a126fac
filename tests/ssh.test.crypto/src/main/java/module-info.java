/** Test-only: runs every provider's primitives against published vectors and against each other. */
module ssh.test.crypto {
    requires ssh.api;
    requires ssh.provider.jca;
    requires ssh.provider.bc;
}
