package ssh.cipher;

import ssh.api.algorithms.CipherNames;

/** {@code aes256-gcm@openssh.com}: AES-GCM with a 256-bit key (RFC 5647, as OpenSSH names and negotiates it). */
public final class Aes256Gcm extends GcmCipherFactory {
    public Aes256Gcm() {
        super(CipherNames.AES256_GCM, 32);
    }
}
