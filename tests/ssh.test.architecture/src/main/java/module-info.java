/** Test-only: reads every SDK module on the module path to check the architecture's rules. */
module ssh.test.architecture {
    requires ssh.connection;
    requires ssh.kex;
    requires ssh.cipher;
    requires ssh.provider.jca;
    requires ssh.provider.bc;
}
