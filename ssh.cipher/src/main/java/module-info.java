/**
 * SSH packet ciphers, MACs and compression methods (RFC 4253, RFC 4344, RFC 5647, OpenSSH's
 * PROTOCOL.chacha20poly1305), built on primitives from a crypto provider and offered as services.
 * No layer requires this module: the transport finds its algorithms by name through
 * {@link java.util.ServiceLoader}.
 */
module ssh.cipher {
    requires ssh.api;

    provides ssh.api.spi.CipherFactory with
            ssh.cipher.ChaCha20Poly1305,
            ssh.cipher.Aes128Gcm,
            ssh.cipher.Aes256Gcm,
            ssh.cipher.Aes128Ctr,
            ssh.cipher.Aes192Ctr,
            ssh.cipher.Aes256Ctr,
            ssh.cipher.Aes128Cbc,
            ssh.cipher.Aes192Cbc,
            ssh.cipher.Aes256Cbc,
            ssh.cipher.TripleDesCbc,
            ssh.cipher.BlowfishCbc;
    provides ssh.api.spi.MacFactory with
            ssh.cipher.HmacSha2256Etm,
            ssh.cipher.HmacSha2512Etm,
            ssh.cipher.HmacSha1Etm,
            ssh.cipher.HmacSha2256,
            ssh.cipher.HmacSha2512,
            ssh.cipher.HmacSha1,
            ssh.cipher.HmacSha196,
            ssh.cipher.HmacMd5,
            ssh.cipher.HmacMd596;
    provides ssh.api.spi.CompressionFactory with
            ssh.cipher.NoCompression,
            ssh.cipher.ZlibOpenSsh,
            ssh.cipher.Zlib;
}
