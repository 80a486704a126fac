/**
 * Test-only: the vendor-cipher example as an application meets it. This module requires the
 * transport alone; the example, like secsh's own algorithm modules, is only on the module path,
 * where the registry finds its service.
 */
module ssh.test.vendorcipher {
    requires ssh.transport;
}
