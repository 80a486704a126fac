/**
 * An example of a vendor's module: it adds the cipher {@code aes256-ctr-example@vendor.test} to
 * secsh by declaring a service, and exports nothing. Put it on the module path (or its jar on the
 * class path, where {@code META-INF/services} says the same) and name the cipher in a preference
 * list; secsh's registry finds it with {@link java.util.ServiceLoader}.
 */
module ssh.example.vendorcipher {
    requires ssh.api;

    provides ssh.api.spi.CipherFactory with com.example.Aes256CtrExample;
}
