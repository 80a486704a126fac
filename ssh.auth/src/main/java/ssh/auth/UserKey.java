package ssh.auth;

import java.io.IOException;
import java.util.Objects;
import ssh.api.SshException;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CryptoProvider;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.auth.agent.AgentClient;

/**
 * A key the client can prove it holds in {@code publickey} authentication: a key pair in memory
 * (read from a file, say) or a key an ssh-agent holds and signs with.
 */
public interface UserKey {
    SshPublicKey publicKey();

    /** Signs {@code data} with {@code algorithm}; returns the signature blob. */
    byte[] sign(PublicKeyAlgorithmFactory algorithm, byte[] data, CryptoProvider crypto) throws SshException;

    /** A key pair held in memory. */
    static UserKey of(SshKeyPair pair) {
        Objects.requireNonNull(pair);
        return new UserKey() {
            @Override
            public SshPublicKey publicKey() {
                return pair.publicKey();
            }

            @Override
            public byte[] sign(PublicKeyAlgorithmFactory algorithm, byte[] data, CryptoProvider crypto)
                    throws SshException {
                return algorithm.sign(pair, data, crypto);
            }

            @Override
            public String toString() {
                return "UserKey[" + pair.publicKey().type() + "]";
            }
        };
    }

    /** A key held by the ssh-agent behind {@code agent}, which signs with it. */
    static UserKey inAgent(AgentClient agent, SshPublicKey key) {
        Objects.requireNonNull(agent);
        Objects.requireNonNull(key);
        return new UserKey() {
            @Override
            public SshPublicKey publicKey() {
                return key;
            }

            @Override
            public byte[] sign(PublicKeyAlgorithmFactory algorithm, byte[] data, CryptoProvider crypto)
                    throws SshException {
                int flags = switch (algorithm.name()) {
                    case "rsa-sha2-256" -> AgentClient.SSH_AGENT_RSA_SHA2_256;
                    case "rsa-sha2-512" -> AgentClient.SSH_AGENT_RSA_SHA2_512;
                    default -> 0;
                };
                try {
                    return agent.sign(key, data, flags);
                } catch (SshException e) {
                    throw e;
                } catch (IOException e) {
                    throw new SshException("ssh-agent could not sign with the " + key.type() + " key: "
                            + e.getMessage(), e);
                }
            }

            @Override
            public String toString() {
                return "UserKey[" + key.type() + " in agent]";
            }
        };
    }
}
