package ssh.transport;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import ssh.api.Role;
import ssh.api.SshException;
import ssh.api.SshHostKeyException;
import ssh.api.SshNegotiationException;
import ssh.api.SshProtocolException;
import ssh.api.SshUnexpectedMessageException;
import ssh.api.crypto.Secret;
import ssh.api.crypto.SshKeyCodec;
import ssh.api.crypto.SshKeyPair;
import ssh.api.crypto.SshPublicKey;
import ssh.api.spi.CipherFactory;
import ssh.api.spi.CompressionFactory;
import ssh.api.spi.KexFactory;
import ssh.api.spi.KexInput;
import ssh.api.spi.KexResult;
import ssh.api.spi.KexTransport;
import ssh.api.spi.KeyExchange;
import ssh.api.spi.MacFactory;
import ssh.api.spi.PacketCipher;
import ssh.api.spi.PacketMac;
import ssh.api.spi.PublicKeyAlgorithmFactory;
import ssh.api.wire.ByteSlice;
import ssh.api.wire.DisconnectReason;
import ssh.api.wire.MessageNumbers;
import ssh.api.wire.WireReader;
import ssh.api.wire.WireWriter;

/**
 * Runs one key exchange on the reader thread, from the peer's KEXINIT to both NEWKEYS:
 * negotiation, the method's own messages, the host-key checks (client), key derivation and the
 * switch to the new keys in each direction. Under strict key exchange nothing but the exchange's
 * own messages may arrive during the first exchange, and sequence numbers restart at every NEWKEYS.
 */
final class KexDriver implements KexTransport {
    private static final System.Logger LOG = System.getLogger(KexDriver.class.getName());

    private final Transport t;
    private final WireWriter out = new WireWriter(4096);
    private boolean strictFirst;

    KexDriver(Transport t) {
        this.t = t;
    }

    void run(byte[] peerPayload, int peerSequence) throws IOException {
        KexInit peer = KexInit.decode(peerPayload);
        boolean first = !t.firstKexDone;
        t.startKex();
        KexInit ours = ourKexInit();
        boolean client = t.role == Role.CLIENT;
        KexInit c = client ? ours : peer;
        KexInit s = client ? peer : ours;
        NegotiatedAlgorithms n;
        try {
            n = Negotiation.negotiate(c, s, t.algorithms::isAead);
        } catch (SshNegotiationException e) {
            // Negotiation reads the client's list first; the caller's "ours" is our own list.
            throw client ? e : new SshNegotiationException(e.category(), e.theirs(), e.ours());
        }
        boolean strict = first ? n.strictKex() : t.negotiated.strictKex();
        if (!first) {
            // Extension markers appear only in the first KEXINIT; the session keeps what it agreed then.
            NegotiatedAlgorithms was = t.negotiated;
            n = new NegotiatedAlgorithms(n.kex(), n.hostKey(), n.cipherClientToServer(), n.cipherServerToClient(),
                    n.macClientToServer(), n.macServerToClient(), n.compressionClientToServer(),
                    n.compressionServerToClient(), was.strictKex(), was.clientWantsExtInfo(), was.serverWantsExtInfo());
        }
        if (first && strict && peerSequence != 0) {
            throw new SshProtocolException(DisconnectReason.PROTOCOL_ERROR,
                    "strict key exchange: KEXINIT was not the peer's first packet");
        }
        strictFirst = first && strict;
        LOG.log(Level.DEBUG, "kex: algorithm: {0}", n.kex());
        LOG.log(Level.DEBUG, "kex: host key algorithm: {0}", n.hostKey());
        LOG.log(Level.DEBUG, "kex: client->server cipher: {0} MAC: {1} compression: {2}", n.cipherClientToServer(),
                n.macClientToServer() == null ? "<implicit>" : n.macClientToServer(), n.compressionClientToServer());
        LOG.log(Level.DEBUG, "kex: server->client cipher: {0} MAC: {1} compression: {2}", n.cipherServerToClient(),
                n.macServerToClient() == null ? "<implicit>" : n.macServerToClient(), n.compressionServerToClient());
        if (peer.firstKexPacketFollows() && !Negotiation.guessedRight(c, s)) {
            t.reader.read(); // the peer's optimistic guess was wrong: its first kex packet is discarded
        }

        KexFactory kf = t.algorithms.kex.get(n.kex());
        KeyExchange kx = kf.create(t.algorithms.crypto);
        byte[] vc = (client ? t.ourVersion : t.peerVersion).getBytes(StandardCharsets.US_ASCII);
        byte[] vs = (client ? t.peerVersion : t.ourVersion).getBytes(StandardCharsets.US_ASCII);
        KexResult r;
        if (client) {
            r = kx.client(this, new KexInput(vc, vs, c.payload(), s.payload(), null));
            checkHostKey(n, r, first);
        } else {
            r = kx.server(this, new KexInput(vc, vs, c.payload(), s.payload(), signer(n.hostKey())));
        }
        byte[] sessionId = first ? r.exchangeHash() : t.sessionId;
        try (Secret k = r.encodedSharedSecret()) {
            byte[] encodedK = k.bytes();
            KeyDerivation kd = new KeyDerivation(t.algorithms.crypto, kf.hash(), encodedK, r.exchangeHash(), sessionId);
            try {
                switchKeys(n, kd, client, strict, first);
            } finally {
                java.util.Arrays.fill(encodedK, (byte) 0);
            }
        }
        t.negotiated = n;
        t.sessionId = sessionId;
        t.serverHostKey = r.hostKey();
        t.kexDone();
    }

    private KexInit ourKexInit() {
        t.sender.writeLock.lock();
        try {
            return t.sender.ourKexInit;
        } finally {
            t.sender.writeLock.unlock();
        }
    }

    private KexInput.HostKeySigner signer(String algorithm) {
        SshKeyPair pair = t.algorithms.hostKeyPairs.get(algorithm);
        PublicKeyAlgorithmFactory f = t.algorithms.hostKey.get(algorithm);
        return new KexInput.HostKeySigner() {
            @Override
            public SshPublicKey publicKey() {
                return pair.publicKey();
            }

            @Override
            public byte[] sign(byte[] exchangeHash) throws SshException {
                return f.sign(pair, exchangeHash, t.algorithms.crypto);
            }
        };
    }

    private void checkHostKey(NegotiatedAlgorithms n, KexResult r, boolean first) throws SshException {
        PublicKeyAlgorithmFactory f = t.algorithms.hostKey.get(n.hostKey());
        SshPublicKey key = r.hostKey();
        if (!key.type().equals(f.keyType())) {
            throw new SshHostKeyException("server sent a " + key.type() + " key for host key algorithm " + n.hostKey());
        }
        try {
            SshKeyCodec.requirePeerKeyStrength(SshKeyCodec.publicMaterial(key));
        } catch (SshProtocolException weak) {
            throw new SshHostKeyException("the server's host key is refused: " + weak.getMessage(), weak);
        }
        if (!f.verify(key, r.exchangeHash(), r.signature(), t.algorithms.crypto)) {
            throw new SshHostKeyException("the server's signature over the exchange hash does not verify");
        }
        if (!first) {
            if (!key.equals(t.serverHostKey)) {
                throw new SshHostKeyException("the server's host key changed during a rekey");
            }
            return;
        }
        boolean accepted;
        try {
            accepted = t.config.hostKeyVerifier().verify(t.host, t.port, key);
        } catch (SshHostKeyException e) {
            throw e;
        } catch (SshException | RuntimeException e) {
            throw new SshHostKeyException("Host key verification failed: " + e.getMessage(), e);
        }
        if (!accepted) {
            throw new SshHostKeyException("Host key verification failed.");
        }
    }

    /** Sends NEWKEYS and switches the outgoing keys, then waits for the peer's and switches the incoming ones. */
    private void switchKeys(NegotiatedAlgorithms n, KeyDerivation kd, boolean client, boolean strict, boolean first)
            throws IOException {
        String outCipher = client ? n.cipherClientToServer() : n.cipherServerToClient();
        String outMac = client ? n.macClientToServer() : n.macServerToClient();
        String outComp = client ? n.compressionClientToServer() : n.compressionServerToClient();
        String inCipher = client ? n.cipherServerToClient() : n.cipherClientToServer();
        String inMac = client ? n.macServerToClient() : n.macClientToServer();
        String inComp = client ? n.compressionServerToClient() : n.compressionClientToServer();
        char[] outLetters = client ? new char[] {'A', 'C', 'E'} : new char[] {'B', 'D', 'F'};
        char[] inLetters = client ? new char[] {'B', 'D', 'F'} : new char[] {'A', 'C', 'E'};
        NegotiatedAlgorithms before = t.negotiated;

        CipherFactory oc = t.algorithms.ciphers.get(outCipher);
        PacketCipher outC = oc.create(true, kd.derive(outLetters[1], oc.keyLength()), kd.derive(outLetters[0], oc.ivLength()),
                t.algorithms.crypto);
        MacFactory om = outMac == null ? null : t.algorithms.macs.get(outMac);
        PacketMac outM = om == null ? null : om.create(kd.derive(outLetters[2], om.keyLength()), t.algorithms.crypto);
        t.sender.writeLock.lock();
        try {
            out.reset().writeByte(MessageNumbers.NEWKEYS);
            t.writer.write(out.array(), 0, out.length());
            t.writer.install(PacketKeys.of(outC, oc.blockSize(), oc.tagLength(), outM, om == null ? 0 : om.macLength(),
                    om != null && om.isEncryptThenMac()));
            String previous = before == null ? null
                    : client ? before.compressionClientToServer() : before.compressionServerToClient();
            if (!outComp.equals(previous)) {
                CompressionFactory cf = t.algorithms.compression.get(outComp);
                t.writer.compression(isNone(cf) ? null : cf.compressor(), cf.isDelayed(), t.authenticated);
            }
            if (strict) {
                t.writer.resetSequence();
            }
            if (first && !client && n.clientWantsExtInfo()) {
                byte[] ext = ExtInfo.encode(serverExtensions());
                t.writer.write(ext, 0, ext.length);
            }
        } finally {
            t.sender.writeLock.unlock();
        }

        receive(MessageNumbers.NEWKEYS);
        CipherFactory ic = t.algorithms.ciphers.get(inCipher);
        PacketCipher inC = ic.create(false, kd.derive(inLetters[1], ic.keyLength()), kd.derive(inLetters[0], ic.ivLength()),
                t.algorithms.crypto);
        MacFactory im = inMac == null ? null : t.algorithms.macs.get(inMac);
        PacketMac inM = im == null ? null : im.create(kd.derive(inLetters[2], im.keyLength()), t.algorithms.crypto);
        t.reader.install(PacketKeys.of(inC, ic.blockSize(), ic.tagLength(), inM, im == null ? 0 : im.macLength(),
                im != null && im.isEncryptThenMac()));
        String previousIn = before == null ? null
                : client ? before.compressionServerToClient() : before.compressionClientToServer();
        if (!inComp.equals(previousIn)) {
            CompressionFactory cf = t.algorithms.compression.get(inComp);
            t.reader.compression(isNone(cf) ? null : cf.decompressor(t.config.maxPacketSize()), cf.isDelayed(),
                    t.authenticated);
        }
        if (strict) {
            t.reader.resetSequence();
        }
    }

    private static boolean isNone(CompressionFactory f) {
        return f.name().equals("none");
    }

    private Map<String, String> serverExtensions() {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put(ExtInfo.SERVER_SIG_ALGS, String.join(",", t.algorithms.userKeyAlgorithms));
        ext.put(ExtInfo.PING, "0");
        return ext;
    }

    @Override
    public WireWriter newMessage() {
        return out.reset();
    }

    @Override
    public void send(WireWriter message) throws SshException {
        t.sendKexMessage(message.array(), 0, message.length());
    }

    @Override
    public WireReader receive(int expected) throws SshException {
        while (true) {
            ByteSlice p;
            try {
                p = t.reader.read();
            } catch (SshException e) {
                throw e;
            } catch (IOException e) {
                throw new SshException(DisconnectReason.CONNECTION_LOST, e.getMessage(), e);
            }
            int msg = p.array()[p.offset()] & 0xff;
            if (msg == expected) {
                return new WireReader(p.array(), p.offset() + 1, p.length() - 1);
            }
            switch (msg) {
                case MessageNumbers.DISCONNECT -> throw Disconnects.decode(p);
                case MessageNumbers.IGNORE, MessageNumbers.DEBUG, MessageNumbers.UNIMPLEMENTED -> {
                    if (strictFirst) {
                        throw new SshUnexpectedMessageException("only key-exchange messages under strict kex", msg);
                    }
                }
                default -> throw new SshUnexpectedMessageException(MessageNumbers.name(expected), msg);
            }
        }
    }
}
