package ssh.kex;

import java.security.SecureRandom;
import java.util.List;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.algorithms.ProviderChain;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.KexFactory;
import ssh.api.spi.KexInput;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.wire.MessageNumbers;
import ssh.kex.publickey.EcdsaSha2Nistp256;
import ssh.kex.publickey.EcdsaSha2Nistp384;
import ssh.kex.publickey.EcdsaSha2Nistp521;
import ssh.kex.publickey.RsaSha2256;
import ssh.kex.publickey.RsaSha2512;
import ssh.kex.publickey.SshDss;
import ssh.kex.publickey.SshEd25519;
import ssh.kex.publickey.SshEd448;
import ssh.kex.publickey.SshRsa;

/** Shared fixtures: provider chains, every algorithm of this module, host keys and KEXINIT input. */
final class TestKeys {
    private TestKeys() {
    }

    static final List<String> CHAINS = List.of("jca", "bc", "jca,bc");

    static ProviderChain chain(String spec) {
        try {
            return AlgorithmRegistry.load().providerChain(spec);
        } catch (SshException e) {
            throw new AssertionError(e);
        }
    }

    static List<KexFactory> kexMethods() {
        return List.of(new Mlkem768X25519Sha256(), new Sntrup761X25519Sha512(), new Sntrup761X25519Sha512OpenSsh(),
                new Curve25519Sha256(), new Curve25519Sha256Libssh(), new Curve448Sha512(),
                new Mlkem768Nistp256Sha256(), new Mlkem1024Nistp384Sha384(), new EcdhSha2Nistp256(),
                new EcdhSha2Nistp384(), new EcdhSha2Nistp521(), new DhGexSha256(), new DhGroup16Sha512(),
                new DhGroup18Sha512(), new DhGroup14Sha256(), new DhGroup14Sha1(), new DhGexSha1(), new DhGroup1Sha1());
    }

    static List<PublicKeyAlgorithmFactory> publicKeyAlgorithms() {
        return List.of(new SshEd25519(), new EcdsaSha2Nistp256(), new EcdsaSha2Nistp384(), new EcdsaSha2Nistp521(),
                new RsaSha2512(), new RsaSha2256(), new SshEd448(), new SshRsa(), new SshDss());
    }

    static PublicKeyAlgorithmFactory publicKeyAlgorithm(String name) {
        return publicKeyAlgorithms().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    /** The signature primitive of a public-key algorithm. */
    static Primitive primitive(PublicKeyAlgorithmFactory alg) {
        return alg.requiredPrimitives().iterator().next();
    }

    static SshKeyPair generate(PublicKeyAlgorithmFactory alg, CryptoProvider crypto, int rsaBits) throws SshException {
        return SshKeyCodec.keyPair(alg.keyType(), crypto.generateKeyPair(primitive(alg), rsaBits));
    }

    static boolean supports(CryptoProvider crypto, java.util.Set<Primitive> primitives) {
        return primitives.stream().allMatch(crypto::supports);
    }

    /** A host key signer over {@code pair} with {@code alg}. */
    static KexInput.HostKeySigner signer(SshKeyPair pair, PublicKeyAlgorithmFactory alg, CryptoProvider crypto) {
        return new KexInput.HostKeySigner() {
            @Override
            public SshPublicKey publicKey() {
                return pair.publicKey();
            }

            @Override
            public byte[] sign(byte[] exchangeHash) throws SshException {
                return alg.sign(pair, exchangeHash, crypto);
            }
        };
    }

    /** Client and server input for one exchange; the server's carries {@code signer}. */
    static KexInput[] inputs(KexInput.HostKeySigner signer) {
        SecureRandom r = new SecureRandom();
        byte[] ic = new byte[120];
        byte[] is = new byte[140];
        r.nextBytes(ic);
        r.nextBytes(is);
        ic[0] = (byte) MessageNumbers.KEXINIT;
        is[0] = (byte) MessageNumbers.KEXINIT;
        byte[] vc = "SSH-2.0-secsh_client_test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] vs = "SSH-2.0-secsh_server_test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return new KexInput[] {new KexInput(vc, vs, ic, is, null), new KexInput(vc, vs, ic, is, signer)};
    }
}
