/**
 * SSH key-exchange methods and public-key (host-key and user-key) signature algorithms, built on
 * primitives from a crypto provider and offered as services. No layer requires this module: the
 * transport finds its algorithms by name through {@link java.util.ServiceLoader}.
 */
module ssh.kex {
    requires ssh.api;
}
