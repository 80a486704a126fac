package ssh.test.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import ssh.api.wire.WireReader;
import ssh.transport.TransportConfig;

/**
 * The KEXINIT each role sends with its default configuration, name-list by name-list, written out
 * here rather than taken from the library's constants so that any change to a default shows up as
 * a failing test. The server's lists are the ones {@code audit/secshd.policy} holds ssh-audit to
 * (no NIST-curve kex, no SHA-1, no CBC, no encrypt-and-MAC); the client's are OpenSSH's (its
 * ciphers in OpenSSH 9.9's order), without the certificate and security-key names secsh lacks.
 */
class DefaultKexInitTest {
    private static final String SERVER_KEX = "mlkem768x25519-sha256,sntrup761x25519-sha512,"
            + "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,"
            + "diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
            + "ext-info-s,kex-strict-s-v00@openssh.com";
    private static final String SERVER_CIPHERS = "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,"
            + "aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr";
    private static final String SERVER_MACS = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com";

    private static final String CLIENT_KEX = "mlkem768x25519-sha256,sntrup761x25519-sha512,"
            + "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,"
            + "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,"
            + "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256,"
            + "ext-info-c,kex-strict-c-v00@openssh.com";

    /** The ten name-lists of a KEXINIT payload, then first_kex_packet_follows as "true"/"false". */
    private static List<String> lists(byte[] kexInit) throws Exception {
        WireReader r = new WireReader(kexInit);
        r.readByte("message number");
        r.readBytes(16, "cookie");
        List<String> lists = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lists.add(String.join(",", r.readNameList("list " + i)));
        }
        lists.add(Boolean.toString(r.readBoolean("first_kex_packet_follows")));
        return lists;
    }

    private static List<String> sentBy(TransportConfig config) throws Exception {
        try (EvilPeer evil = EvilPeer.against(config)) {
            evil.startHandshake();
            return lists(evil.ourKexInit);
        }
    }

    @Test
    void serverWithOneEd25519HostKey() throws Exception {
        List<String> l = sentBy(TransportConfig.server().hostKeys(Peers.defaultHostKeys()).build());
        assertEquals(List.of(SERVER_KEX, "ssh-ed25519", SERVER_CIPHERS, SERVER_CIPHERS, SERVER_MACS, SERVER_MACS,
                "none,zlib@openssh.com", "none,zlib@openssh.com", "", "", "false"), l);
    }

    @Test
    void client() throws Exception {
        String macs = "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,"
                + "hmac-sha2-256,hmac-sha2-512,hmac-sha1";
        assertEquals(List.of(CLIENT_KEX, "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
                + "rsa-sha2-512,rsa-sha2-256", SERVER_CIPHERS, SERVER_CIPHERS, macs, macs, "none", "none", "", "", "false"),
                sentBy(EvilPeer.client().build()));
    }
}
