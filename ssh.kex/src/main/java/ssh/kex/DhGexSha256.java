package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code diffie-hellman-group-exchange-sha256} (RFC 4419): group exchange with SHA-256. */
public final class DhGexSha256 extends DhGexKex {
    public DhGexSha256() {
        super(KexNames.DH_GEX_SHA256, Primitive.SHA256);
    }
}
