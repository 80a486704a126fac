package ssh.provider.jca;

import java.security.GeneralSecurityException;
import ssh.api.SshCryptoException;
import ssh.api.crypto.Primitive;

/** The three NIST curves, built once per provider. */
final class JcaCurves {
    private final JcaEc p256;
    private final JcaEc p384;
    private final JcaEc p521;

    JcaCurves() throws GeneralSecurityException {
        p256 = new JcaEc("secp256r1");
        p384 = new JcaEc("secp384r1");
        p521 = new JcaEc("secp521r1");
    }

    JcaEc of(Primitive p) throws SshCryptoException {
        return switch (p) {
            case ECDSA_P256, ECDH_P256 -> p256;
            case ECDSA_P384, ECDH_P384 -> p384;
            case ECDSA_P521, ECDH_P521 -> p521;
            default -> throw new SshCryptoException(p + " is not a NIST-curve primitive");
        };
    }
}
