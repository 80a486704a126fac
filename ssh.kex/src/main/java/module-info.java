/**
 * SSH key-exchange methods and public-key (host-key and user-key) signature algorithms, built on
 * primitives from a crypto provider and offered as services. No layer requires this module: the
 * transport finds its algorithms by name through {@link java.util.ServiceLoader}.
 */
module ssh.kex {
    requires ssh.api;

    provides ssh.api.spi.KexFactory with
            ssh.kex.Mlkem768X25519Sha256,
            ssh.kex.Sntrup761X25519Sha512,
            ssh.kex.Sntrup761X25519Sha512OpenSsh,
            ssh.kex.Curve25519Sha256,
            ssh.kex.Curve25519Sha256Libssh,
            ssh.kex.Curve448Sha512,
            ssh.kex.Mlkem768Nistp256Sha256,
            ssh.kex.Mlkem1024Nistp384Sha384,
            ssh.kex.EcdhSha2Nistp256,
            ssh.kex.EcdhSha2Nistp384,
            ssh.kex.EcdhSha2Nistp521,
            ssh.kex.DhGexSha256,
            ssh.kex.DhGroup16Sha512,
            ssh.kex.DhGroup18Sha512,
            ssh.kex.DhGroup14Sha256,
            ssh.kex.DhGroup14Sha1,
            ssh.kex.DhGexSha1,
            ssh.kex.DhGroup1Sha1;
    provides ssh.api.spi.PublicKeyAlgorithmFactory with
            ssh.kex.publickey.SshEd25519,
            ssh.kex.publickey.EcdsaSha2Nistp256,
            ssh.kex.publickey.EcdsaSha2Nistp384,
            ssh.kex.publickey.EcdsaSha2Nistp521,
            ssh.kex.publickey.RsaSha2512,
            ssh.kex.publickey.RsaSha2256,
            ssh.kex.publickey.SshEd448,
            ssh.kex.publickey.SshRsa,
            ssh.kex.publickey.SshDss;
}
