package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code diffie-hellman-group-exchange-sha1} (RFC 4419), legacy: group exchange with SHA-1. */
public final class DhGexSha1 extends DhGexKex {
    public DhGexSha1() {
        super(KexNames.DH_GEX_SHA1, Primitive.SHA1);
    }
}
