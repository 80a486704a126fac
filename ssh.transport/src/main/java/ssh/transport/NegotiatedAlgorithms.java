package ssh.transport;

/**
 * What a key exchange settled on: the names chosen per category and direction (a MAC is null
 * when its direction's cipher is AEAD), and whether strict key exchange and ext-info are on.
 */
public record NegotiatedAlgorithms(String kex, String hostKey, String cipherClientToServer,
        String cipherServerToClient, String macClientToServer, String macServerToClient,
        String compressionClientToServer, String compressionServerToClient, boolean strictKex,
        boolean clientWantsExtInfo, boolean serverWantsExtInfo) {
}
