package ssh.transport;

import java.util.List;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireFormatException;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * SSH_MSG_KEXINIT (RFC 4253 section 7.1): a random cookie, ten name-lists and the
 * {@code first_kex_packet_follows} flag. The exact payload bytes are kept, as the exchange hash
 * covers them.
 */
record KexInit(byte[] cookie, List<String> kexAlgorithms, List<String> hostKeyAlgorithms,
        List<String> ciphersClientToServer, List<String> ciphersServerToClient, List<String> macsClientToServer,
        List<String> macsServerToClient, List<String> compressionClientToServer,
        List<String> compressionServerToClient, List<String> languagesClientToServer,
        List<String> languagesServerToClient, boolean firstKexPacketFollows, byte[] payload) {

    static KexInit create(byte[] cookie, List<String> kex, List<String> hostKeys, List<String> ciphers,
            List<String> macs, List<String> compression) {
        WireWriter w = new WireWriter(1024);
        w.writeByte(MessageNumbers.KEXINIT).writeBytes(cookie);
        w.writeNameList(kex).writeNameList(hostKeys)
                .writeNameList(ciphers).writeNameList(ciphers)
                .writeNameList(macs).writeNameList(macs)
                .writeNameList(compression).writeNameList(compression)
                .writeNameList(List.of()).writeNameList(List.of())
                .writeBoolean(false).writeUint32(0);
        return new KexInit(cookie, kex, hostKeys, ciphers, ciphers, macs, macs, compression, compression, List.of(),
                List.of(), false, w.toByteArray());
    }

    /** Decodes a KEXINIT payload (message number included). */
    static KexInit decode(byte[] payload) throws WireFormatException {
        WireReader r = new WireReader(payload);
        r.readByte("message number");
        byte[] cookie = r.readBytes(16, "cookie");
        KexInit k = new KexInit(cookie, r.readNameList("kex_algorithms"),
                r.readNameList("server_host_key_algorithms"),
                r.readNameList("encryption_algorithms_client_to_server"),
                r.readNameList("encryption_algorithms_server_to_client"),
                r.readNameList("mac_algorithms_client_to_server"), r.readNameList("mac_algorithms_server_to_client"),
                r.readNameList("compression_algorithms_client_to_server"),
                r.readNameList("compression_algorithms_server_to_client"),
                r.readNameList("languages_client_to_server"), r.readNameList("languages_server_to_client"),
                r.readBoolean("first_kex_packet_follows"), payload);
        r.readUint32("reserved");
        return k;
    }

    @Override
    public String toString() {
        return "KEXINIT[kex=" + kexAlgorithms + ", hostkey=" + hostKeyAlgorithms + "]";
    }
}
