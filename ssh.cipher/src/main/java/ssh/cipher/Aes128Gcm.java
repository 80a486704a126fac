package ssh.cipher;

import ssh.api.algorithms.CipherNames;

/** {@code aes128-gcm@openssh.com}: AES-GCM with a 128-bit key (RFC 5647, as OpenSSH names and negotiates it). */
public final class Aes128Gcm extends GcmCipherFactory {
    public Aes128Gcm() {
        super(CipherNames.AES128_GCM, 16);
    }
}
