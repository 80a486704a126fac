package ssh.api.crypto;

import java.util.Base64;
import java.util.HexFormat;
import ssh.api.SshCryptoException;
import ssh.api.spi.CryptoProvider;

/**
 * Public-key fingerprints exactly as OpenSSH prints them ({@code ssh-keygen -l}), computed over
 * the whole key blob (RFC 4253 section 6.6 encoding), so users can compare them with what
 * {@code ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub} shows on the server.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /**
     * {@code "SHA256:"} followed by the unpadded standard base64 of SHA-256 over the key blob, as
     * {@code ssh-keygen -l -E sha256} prints it (OpenSSH's default fingerprint).
     */
    public static String sha256(SshPublicKey key, CryptoProvider crypto) throws SshCryptoException {
        byte[] digest = crypto.digest(Primitive.SHA256).digest(key.blob());
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    /**
     * {@code "MD5:"} followed by the MD5 of the key blob as lowercase hex pairs joined by
     * {@code ':'}, as {@code ssh-keygen -l -E md5} prints it (the legacy fingerprint).
     */
    public static String md5(SshPublicKey key, CryptoProvider crypto) throws SshCryptoException {
        byte[] digest = crypto.digest(Primitive.MD5).digest(key.blob());
        return "MD5:" + HexFormat.ofDelimiter(":").formatHex(digest);
    }
}
