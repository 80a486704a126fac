package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import ssh.api.SshException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;

/** OpenSshKeyFile's own checks: check integers, padding, a private key that does not match its public blob. */
class OpenSshKeyFileTest {
    static final CryptoProvider CRYPTO = KeyFixtures.crypto();

    static SshKeyPair ed25519() throws SshException {
        return SshKeyCodec.keyPair("ssh-ed25519", CRYPTO.generateKeyPair(Primitive.ED25519, 0));
    }

    @Test
    void roundTripsAndRefusesCorruption() throws Exception {
        SshKeyPair pair = ed25519();
        byte[] good = OpenSshKeyFile.encode(pair, "c", 0x01020304);
        assertEquals("c", OpenSshKeyFile.decode(good).comment());
        assertEquals(pair.publicKey(), OpenSshKeyFile.decode(good).keyPair().publicKey());

        byte[] pad = good.clone();
        pad[pad.length - 1] ^= 0x40;
        assertMessage(pad, "padding");

        int check = indexOf(good, new byte[] {1, 2, 3, 4});
        byte[] checkint = good.clone();
        checkint[check + 4] ^= 1;
        assertMessage(checkint, "check integers differ");

        // the private section of another key under this key's public blob
        byte[] other = OpenSshKeyFile.encode(ed25519(), "c", 0x01020304);
        byte[] mixed = good.clone();
        System.arraycopy(other, check, mixed, check, good.length - check);
        assertThrows(SshException.class, () -> OpenSshKeyFile.decode(mixed));

        String text = OpenSshKeyFile.write(pair, "c", CRYPTO);
        assertTrue(text.startsWith(OpenSshKeyFile.BEGIN + "\n") && text.endsWith(OpenSshKeyFile.END + "\n"));
        assertTrue(text.lines().allMatch(l -> l.length() <= 70), text);
        assertMessage(text.replace(OpenSshKeyFile.END, ""), "truncated");
    }

    private static void assertMessage(byte[] data, String part) {
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> OpenSshKeyFile.decode(data));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static void assertMessage(String text, String part) {
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> OpenSshKeyFile.read(text));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private static int indexOf(byte[] a, byte[] b) {
        outer:
        for (int i = 0; i + b.length <= a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
