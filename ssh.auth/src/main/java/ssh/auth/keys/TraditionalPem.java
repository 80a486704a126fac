package ssh.auth.keys;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import ssh.api.crypto.SshKeyPair;
import ssh.api.spi.CryptoProvider;

/**
 * OpenSSL's "traditional" PEM private keys, {@code ssh-keygen -m PEM}'s format: {@code RSA PRIVATE
 * KEY} (PKCS#1), {@code EC PRIVATE KEY} (SEC1) and {@code DSA PRIVATE KEY}, plain or with OpenSSL's
 * legacy encryption ({@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info: cipher,IV}, the key from
 * {@code EVP_BytesToKey} with MD5 over the passphrase and the first 8 bytes of the IV).
 */
final class TraditionalPem {
    static final String RSA = "RSA PRIVATE KEY";
    static final String EC = "EC PRIVATE KEY";
    static final String DSA = "DSA PRIVATE KEY";

    private static final int SALT_LENGTH = 8;

    private TraditionalPem() {
    }

    /** Reads the block labelled {@code label} (one of the three constants) from {@code lines}. */
    static SshKeyPair read(String[] lines, String label, PassphraseSource source, String description,
            CryptoProvider crypto) throws IOException {
        Pem pem = Pem.read(lines, label);
        byte[] der = pem.body();
        try {
            String procType = pem.headers().get("Proc-Type");
            if (procType == null) {
                if (!pem.headers().isEmpty()) {
                    throw new KeyFormatException("PEM headers " + pem.headers().keySet() + " without Proc-Type");
                }
                return decode(label, der);
            }
            if (!procType.replace(" ", "").equals("4,ENCRYPTED")) {
                throw new KeyFormatException("PEM Proc-Type \"" + PublicKeyFile.shorten(procType)
                        + "\" is not supported (only \"4,ENCRYPTED\")");
            }
            byte[] plain = decrypt(pem.headers(), der, source, description, crypto);
            try {
                return decode(label, plain);
            } catch (WrongPassphraseException e) {
                throw e;
            } catch (KeyFormatException e) {
                throw new WrongPassphraseException("wrong passphrase for " + description
                        + " (the decrypted key is not a valid " + label + ")");
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    private static SshKeyPair decode(String label, byte[] der) throws KeyFormatException {
        return switch (label) {
            case RSA -> DerKeys.rsa(der);
            case EC -> DerKeys.ec(der, null);
            case DSA -> DerKeys.dsa(der);
            default -> throw new IllegalArgumentException(label);
        };
    }

    private static byte[] decrypt(Map<String, String> headers, byte[] data, PassphraseSource source,
            String description, CryptoProvider crypto) throws IOException {
        String dekInfo = headers.get("DEK-Info");
        if (dekInfo == null) {
            throw new KeyFormatException("encrypted PEM key without a DEK-Info header");
        }
        int comma = dekInfo.indexOf(',');
        if (comma < 0) {
            throw new KeyFormatException("PEM DEK-Info has no IV");
        }
        String name = dekInfo.substring(0, comma).strip();
        KeyCrypto.Cbc cbc = switch (name) {
            case "AES-128-CBC" -> KeyCrypto.Cbc.AES_128;
            case "AES-192-CBC" -> KeyCrypto.Cbc.AES_192;
            case "AES-256-CBC" -> KeyCrypto.Cbc.AES_256;
            case "DES-EDE3-CBC" -> KeyCrypto.Cbc.DES_EDE3;
            default -> throw new KeyFormatException("PEM encryption \"" + PublicKeyFile.shorten(name)
                    + "\" is not supported (AES-128/192/256-CBC and DES-EDE3-CBC are)");
        };
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).strip());
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("PEM DEK-Info IV is not hexadecimal");
        }
        if (iv.length != cbc.blockSize) {
            throw new KeyFormatException("PEM DEK-Info IV of " + iv.length + " bytes for " + name
                    + ", which needs " + cbc.blockSize);
        }
        byte[] pass = KeyCrypto.passphrase(source, description);
        byte[] key;
        try {
            key = KeyCrypto.evpBytesToKey(crypto, pass, Arrays.copyOf(iv, SALT_LENGTH), cbc.keyLength);
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
        return KeyCrypto.decrypt(crypto, cbc, key, iv, data, true, description);
    }
}
