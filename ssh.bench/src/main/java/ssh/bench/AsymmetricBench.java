package ssh.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import ssh.api.SshException;
import ssh.api.algorithms.AlgorithmRegistry;
import ssh.api.crypto.KemPrimitive;
import ssh.api.crypto.Primitive;
import ssh.api.crypto.PrivateKeyMaterial;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SignaturePrimitive;
import ssh.api.spi.CryptoProvider;

/** The asymmetric operations of a handshake, per provider, in operations per second. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AsymmetricBench {
    @Param({"jca", "bc"})
    public String provider;

    private CryptoProvider crypto;
    private byte[] x25519Peer;
    private byte[] mlkemPublic;
    private byte[] mlkemCiphertext;
    private KemPrimitive mlkemHolder;
    private PrivateKeyMaterial ed25519;
    private byte[] ed25519Sig;
    private SignaturePrimitive ed25519Signer;
    private PrivateKeyMaterial rsa3072;
    private SignaturePrimitive rsaSigner;
    private final byte[] data = new byte[64];

    @Setup
    public void setup() throws SshException {
        crypto = AlgorithmRegistry.load().providerChain(provider);
        x25519Peer = crypto.keyAgreement(Primitive.X25519).generateKeyPair();
        if (crypto.supports(Primitive.ML_KEM_768)) {
            mlkemHolder = crypto.kem(Primitive.ML_KEM_768);
            mlkemPublic = mlkemHolder.generateKeyPair();
            mlkemCiphertext = crypto.kem(Primitive.ML_KEM_768).encapsulate(mlkemPublic).ciphertext();
        }
        ed25519 = crypto.generateKeyPair(Primitive.ED25519, 0);
        ed25519Signer = crypto.signature(Primitive.ED25519);
        ed25519Sig = ed25519Signer.sign(ed25519, data);
        rsa3072 = crypto.generateKeyPair(Primitive.RSA_SHA256, 3072);
        rsaSigner = crypto.signature(Primitive.RSA_SHA256);
    }

    /** An ephemeral X25519 key pair and one agreement: the client's curve25519 kex work. */
    @Benchmark
    public byte[] x25519KeyPairAndAgree() throws SshException {
        var ka = crypto.keyAgreement(Primitive.X25519);
        ka.generateKeyPair();
        try (Secret s = ka.agree(x25519Peer)) {
            return s.bytes();
        }
    }

    @Benchmark
    public byte[] mlkem768Encapsulate() throws SshException {
        return crypto.kem(Primitive.ML_KEM_768).encapsulate(mlkemPublic).ciphertext();
    }

    @Benchmark
    public byte[] mlkem768Decapsulate() throws SshException {
        try (Secret s = mlkemHolder.decapsulate(mlkemCiphertext)) {
            return s.bytes();
        }
    }

    @Benchmark
    public byte[] ed25519Sign() throws SshException {
        return ed25519Signer.sign(ed25519, data);
    }

    @Benchmark
    public boolean ed25519Verify() throws SshException {
        return ed25519Signer.verify(ed25519.publicKey(), data, ed25519Sig);
    }

    @Benchmark
    public byte[] rsa3072Sign() throws SshException {
        return rsaSigner.sign(rsa3072, data);
    }
}
