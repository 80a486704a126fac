package ssh.connection;

import ssh.api.SshChannelOpenException;
import ssh.api.SshException;
import ssh.api.wire.ChannelOpenFailure;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * The wire forms of forwarding (RFC 4254 section 7, OpenSSH PROTOCOL section 2.4): the type data
 * of the {@code direct-tcpip}, {@code forwarded-tcpip} and {@code direct-streamlocal@openssh.com}
 * channel opens and of the {@code tcpip-forward} global requests.
 */
final class ForwardMessages {
    static final String DIRECT_TCPIP = "direct-tcpip";
    static final String FORWARDED_TCPIP = "forwarded-tcpip";
    static final String DIRECT_STREAMLOCAL = "direct-streamlocal@openssh.com";
    static final String TCPIP_FORWARD = "tcpip-forward";
    static final String CANCEL_TCPIP_FORWARD = "cancel-tcpip-forward";
    /** Host names are at most 255 bytes (RFC 1035); 1024 leaves room for anything getaddrinfo takes. */
    private static final int MAX_HOST = 1024;
    /** Unix-socket paths are at most 108 bytes on Linux; this only bounds what we read. */
    private static final int MAX_PATH = 4096;

    private ForwardMessages() {
    }

    /**
     * The type data of {@code direct-tcpip} (host and port to connect to) and of
     * {@code forwarded-tcpip} (address and port that were connected); both then name the
     * originator's address and port.
     */
    record Tcpip(String host, int port, String originatorAddress, int originatorPort) {
        byte[] encode() {
            return new WireWriter(host.length() + originatorAddress.length() + 16).writeUtf8(host).writeUint32(port)
                    .writeUtf8(originatorAddress).writeUint32(originatorPort).toByteArray();
        }

        /** Decodes; a port beyond 65535 is refused with CONNECT_FAILED, as sshd does. */
        static Tcpip decode(WireReader r) throws SshException {
            String host = r.readUtf8("host", MAX_HOST);
            long port = r.readUint32AsLong("port");
            String origin = r.readUtf8("originator address", MAX_HOST);
            long originPort = r.readUint32AsLong("originator port");
            if (port > 65535 || originPort > 65535) {
                throw new SshChannelOpenException(ChannelOpenFailure.CONNECT_FAILED,
                        "port " + Math.max(port, originPort) + " is out of range");
            }
            return new Tcpip(host, (int) port, origin, (int) originPort);
        }
    }

    /** The type data of {@code direct-streamlocal@openssh.com}: the socket path, then two reserved fields. */
    record StreamLocal(String path) {
        byte[] encode() {
            return new WireWriter(path.length() + 16).writeUtf8(path).writeUtf8("").writeUint32(0).toByteArray();
        }

        static StreamLocal decode(WireReader r) throws SshException {
            String path = r.readUtf8("socket path", MAX_PATH);
            r.readString("reserved", MAX_HOST);
            r.readUint32("reserved");
            return new StreamLocal(path);
        }
    }

    /**
     * The data of {@code tcpip-forward} and {@code cancel-tcpip-forward}: the address to bind
     * ({@code ""} all, {@code "localhost"} loopback, or an address) and the port (0: any).
     */
    record ListenRequest(String address, int port) {
        byte[] encode() {
            return new WireWriter(address.length() + 8).writeUtf8(address).writeUint32(port).toByteArray();
        }

        /** Decodes; null if the port is out of range (the request is refused). */
        static ListenRequest decode(WireReader r) throws WireFormatException {
            String address = r.readUtf8("address to bind", MAX_HOST);
            long port = r.readUint32AsLong("port to bind");
            return port > 65535 ? null : new ListenRequest(address, (int) port);
        }
    }

    /** The reply to {@code tcpip-forward} for port 0: the port the server chose. */
    static byte[] allocatedPort(int port) {
        return new WireWriter(4).writeUint32(port).toByteArray();
    }
}
