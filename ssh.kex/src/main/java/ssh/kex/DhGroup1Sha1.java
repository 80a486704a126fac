package ssh.kex;

import ssh.api.algorithms.KexNames;
import ssh.api.crypto.Primitive;

/** {@code diffie-hellman-group1-sha1} (RFC 4253), legacy and weak: the 1024-bit Oakley group 2 with SHA-1. */
public final class DhGroup1Sha1 extends DhGroupKex {
    public DhGroup1Sha1() {
        super(KexNames.DH_GROUP1_SHA1, Primitive.SHA1, ModpGroups.GROUP1);
    }
}
