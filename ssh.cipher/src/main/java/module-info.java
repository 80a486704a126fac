/**
 * SSH packet ciphers, MACs and compression methods (RFC 4253, RFC 4344, RFC 5647, OpenSSH's
 * PROTOCOL.chacha20poly1305), built on primitives from a crypto provider and offered as services.
 * No layer requires this module: the transport finds its algorithms by name through
 * {@link java.util.ServiceLoader}.
 */
module ssh.cipher {
    requires ssh.api;
}
