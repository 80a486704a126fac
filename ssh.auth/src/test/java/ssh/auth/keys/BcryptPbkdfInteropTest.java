package ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;
import ssh.api.wire.WireWriter;

/**
 * Checks a published bcrypt_pbkdf vector with OpenSSH itself, without our bcrypt_pbkdf: the
 * OpenBSD vector for password "password", salt "salt", 4 rounds is 32 bytes, exactly the key and
 * IV of {@code aes128-ctr}. A key file encrypted by hand (JCA AES-CTR) under those bytes, naming
 * that salt and those rounds, must open in {@code ssh-keygen} with the passphrase "password" -
 * and in our reader too.
 */
class BcryptPbkdfInteropTest {
    static final CryptoProvider CRYPTO = KeyFixtures.crypto();
    static final String VECTOR = "5bbf0cc293587f1c3635555c27796598d47e579071bf427e9d8fbe842aba34d9";

    @Test
    void sshKeygenAgreesWithThePublishedVector(@TempDir Path dir) throws Exception {
        EncryptedKeyFiles.assumeSshKeygen();
        byte[] keyAndIv = HexFormat.of().parseHex(VECTOR);
        byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
        SshKeyPair pair = SshKeyGenerator.generate("ssh-ed25519", CRYPTO);

        WireWriter section = new WireWriter().writeUint32(0x0badcafe).writeUint32(0x0badcafe)
                .writeUtf8(pair.publicKey().type()).writeBytes(pair.privateFields().bytes()).writeUtf8("by hand");
        for (int i = 1; section.length() % 16 != 0; i++) {
            section.writeByte(i);
        }
        Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keyAndIv, 0, 16, "AES"),
                new IvParameterSpec(Arrays.copyOfRange(keyAndIv, 16, 32)));
        byte[] encrypted = aes.doFinal(section.toByteArray());
        byte[] file = new EncryptedKeyFiles.Parts("aes128-ctr", "bcrypt", EncryptedKeyFiles.bcryptOptions(salt, 4),
                pair.publicKey().blob(), encrypted, new byte[0]).toBytes();
        Path path = EncryptedKeyFiles.writePrivate(dir.resolve("by-hand"), EncryptedKeyFiles.armor(file));

        String want = PublicKeyFile.line(pair.publicKey(), null);
        assertEquals(want, EncryptedKeyFiles.sshKeygenPublicKey(path, "password"));
        assertArrayEquals(keyAndIv, BcryptPbkdf.derive("password".getBytes(StandardCharsets.US_ASCII), salt, 4, 32,
                BcryptPbkdfTest.sha512()));
        OpenSshKeyFile.KeyFile back = OpenSshKeyFile.read(path, PassphraseSource.of("password".toCharArray()));
        assertEquals(pair.publicKey(), back.keyPair().publicKey());
        assertEquals("by hand", back.comment());
    }
}
