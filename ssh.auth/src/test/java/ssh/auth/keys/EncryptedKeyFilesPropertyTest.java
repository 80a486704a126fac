package ssh.auth.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import ssh.api.SshException;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireFormatException;

/**
 * Hostile input to the encrypted-key reader gives KeyFormatException (WrongPassphraseException is
 * one) or WireFormatException, never anything else: random bytes, truncations and bit flips of
 * encrypted files, with the right passphrase and a wrong one. Fixtures use one bcrypt round, and
 * the flips leave the rounds field alone (a flip there may legally ask for 65,000 rounds).
 */
class EncryptedKeyFilesPropertyTest {
    static final CryptoProvider CRYPTO = KeyFixtures.crypto();
    static final String PASS = "pass";
    static final byte[][] FIXTURES;
    static final int[] ROUNDS_AT;

    static {
        try {
            SshKeyPair pair = SshKeyCodec.keyPair("ecdsa-sha2-nistp256",
                    CRYPTO.generateKeyPair(Primitive.ECDSA_P256, 0));
            KeyFileCipher[] ciphers = {KeyFileCipher.AES256_CTR, KeyFileCipher.AES128_CBC, KeyFileCipher.AES256_GCM,
                KeyFileCipher.CHACHA20_POLY1305};
            FIXTURES = new byte[ciphers.length][];
            ROUNDS_AT = new int[ciphers.length];
            byte[] salt = new byte[16];
            for (int i = 0; i < ciphers.length; i++) {
                FIXTURES[i] = OpenSshKeyFile.encode(pair, "comment", 0x12345678, ciphers[i],
                        PASS.getBytes(StandardCharsets.UTF_8), salt, 1, CRYPTO);
                // magic, cipher name, "bcrypt", options length, salt length, salt: then the rounds
                ROUNDS_AT[i] = 15 + 4 + ciphers[i].sshName().length() + 4 + 6 + 4 + 4 + salt.length;
            }
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    static void onlyCheckedErrors(byte[] data, String passphrase) {
        String text = EncryptedKeyFiles.armor(data);
        try {
            OpenSshKeyFile.read(text, PassphraseSource.of(passphrase.toCharArray()), CRYPTO);
        } catch (KeyFormatException | WireFormatException expected) {
            // fine
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    @Property(tries = 200)
    void randomBytesAfterTheHeader(@ForAll byte[] tail, @ForAll @IntRange(max = 3) int which) {
        // a valid start up to the rounds, then anything
        byte[] head = Arrays.copyOf(FIXTURES[which], ROUNDS_AT[which]);
        byte[] data = Arrays.copyOf(head, head.length + 4 + tail.length);
        data[head.length + 3] = 1; // rounds = 1
        System.arraycopy(tail, 0, data, head.length + 4, tail.length);
        onlyCheckedErrors(data, PASS);
        onlyCheckedErrors(tail, PASS);
    }

    @Property(tries = 100)
    void truncatedAndFlipped(@ForAll @IntRange(max = 3) int which, @ForAll @IntRange(max = 400) int cut,
            @ForAll @IntRange(max = 399) int at, @ForAll byte flip, @ForAll boolean rightPassphrase) {
        byte[] good = FIXTURES[which];
        String pass = rightPassphrase ? PASS : "wrong";
        onlyCheckedErrors(Arrays.copyOf(good, Math.min(cut, good.length)), pass);
        byte[] c = good.clone();
        int i = at % c.length;
        if (i >= ROUNDS_AT[which] && i < ROUNDS_AT[which] + 4) {
            i = (i + 4) % c.length;
        }
        c[i] ^= flip;
        onlyCheckedErrors(c, pass);
        String armored = EncryptedKeyFiles.armor(c);
        String cutText = armored.substring(0, Math.min(cut, armored.length()));
        try {
            OpenSshKeyFile.read(cutText, PassphraseSource.of(pass.toCharArray()), CRYPTO);
        } catch (KeyFormatException | WireFormatException expected) {
            // fine
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e.getClass().getName() + ": " + e.getMessage(), e);
        }
        byte[] fromText = Base64.getDecoder().decode(armored.lines().skip(1).findFirst().orElseThrow());
        if (!Arrays.equals(fromText, c)) {
            throw new AssertionError("armor helper broken");
        }
    }
}
