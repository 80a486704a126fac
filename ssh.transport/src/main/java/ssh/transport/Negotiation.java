package ssh.transport;

import java.util.List;
import java.util.function.Predicate;
import ssh.api.SshNegotiationException;
import ssh.api.algorithms.KexNames;

/**
 * Algorithm negotiation (RFC 4253 section 7.1) as a pure function of the two KEXINITs: for each
 * category, the first name on the client's list that the server also lists. The MAC is not
 * negotiated for a direction whose cipher is AEAD.
 */
final class Negotiation {
    private Negotiation() {
    }

    /**
     * Negotiates; {@code isAead} tells whether a cipher name carries its own authentication.
     * Markers such as {@code ext-info-c} never match a real method, as they appear on one side only.
     */
    static NegotiatedAlgorithms negotiate(KexInit client, KexInit server, Predicate<String> isAead)
            throws SshNegotiationException {
        String kex = choose("kex algorithm", client.kexAlgorithms(), server.kexAlgorithms());
        String hostKey = choose("host key algorithm", client.hostKeyAlgorithms(), server.hostKeyAlgorithms());
        String encCs = choose("cipher client->server", client.ciphersClientToServer(), server.ciphersClientToServer());
        String encSc = choose("cipher server->client", client.ciphersServerToClient(), server.ciphersServerToClient());
        String macCs = isAead.test(encCs) ? null
                : choose("MAC client->server", client.macsClientToServer(), server.macsClientToServer());
        String macSc = isAead.test(encSc) ? null
                : choose("MAC server->client", client.macsServerToClient(), server.macsServerToClient());
        String compCs = choose("compression client->server", client.compressionClientToServer(),
                server.compressionClientToServer());
        String compSc = choose("compression server->client", client.compressionServerToClient(),
                server.compressionServerToClient());
        boolean strict = client.kexAlgorithms().contains(KexNames.KEX_STRICT_C)
                && server.kexAlgorithms().contains(KexNames.KEX_STRICT_S);
        return new NegotiatedAlgorithms(kex, hostKey, encCs, encSc, macCs, macSc, compCs, compSc, strict,
                client.kexAlgorithms().contains(KexNames.EXT_INFO_C),
                server.kexAlgorithms().contains(KexNames.EXT_INFO_S));
    }

    /**
     * Whether an optimistic first kex packet was guessed right: RFC 4253 calls the guess wrong when the
     * two sides prefer (list first) a different kex or host-key algorithm.
     */
    static boolean guessedRight(KexInit client, KexInit server) {
        return !client.kexAlgorithms().isEmpty() && !server.kexAlgorithms().isEmpty()
                && client.kexAlgorithms().get(0).equals(server.kexAlgorithms().get(0))
                && !client.hostKeyAlgorithms().isEmpty() && !server.hostKeyAlgorithms().isEmpty()
                && client.hostKeyAlgorithms().get(0).equals(server.hostKeyAlgorithms().get(0));
    }

    private static String choose(String category, List<String> client, List<String> server)
            throws SshNegotiationException {
        for (String name : client) {
            if (server.contains(name)) {
                return name;
            }
        }
        throw new SshNegotiationException(category, client, server);
    }
}
