/**
 * The SSH wire format of RFC 4251 section 5: {@link ssh.api.wire.WireReader} decodes bytes with
 * every length checked before allocation, {@link ssh.api.wire.WireWriter} encodes into a reusable
 * buffer; plus the protocol's numeric constants.
 */
package ssh.api.wire;
