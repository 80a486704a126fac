package ssh.auth.keys;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PEM block (RFC 7468, with the RFC 1421 headers OpenSSL's legacy encryption writes): the label
 * of its {@code -----BEGIN label-----} line, its {@code Name: value} headers, and the base64 body.
 *
 * @param label the armor label, e.g. {@code RSA PRIVATE KEY}
 * @param headers the headers before the body, in order ({@code Proc-Type}, {@code DEK-Info})
 * @param body the decoded body, which the caller wipes
 */
record Pem(String label, Map<String, String> headers, byte[] body) {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final int MAX_HEADERS = 16;

    /** The label of the first {@code -----BEGIN label-----} line other than {@code EC PARAMETERS}, or null. */
    static String firstLabel(String[] lines) {
        for (String line : lines) {
            String label = label(line.strip(), BEGIN);
            if (label != null && !label.equals("EC PARAMETERS")) {
                return label;
            }
        }
        return null;
    }

    /** The first block labelled {@code label} in {@code lines}. */
    static Pem read(String[] lines, String label) throws KeyFormatException {
        int i = 0;
        while (i < lines.length && !label.equals(label(lines[i].strip(), BEGIN))) {
            i++;
        }
        if (i == lines.length) {
            throw new KeyFormatException("no \"-----BEGIN " + label + "-----\" line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        i++;
        if (i < lines.length && lines[i].indexOf(':') > 0) {
            for (; i < lines.length && !lines[i].isBlank(); i++) {
                String line = lines[i];
                int colon = line.indexOf(':');
                if (colon <= 0 || headers.size() == MAX_HEADERS) {
                    throw new KeyFormatException("PEM header line " + (headers.size() + 1) + " of \"" + label
                            + "\" is malformed");
                }
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        StringBuilder b64 = new StringBuilder();
        for (; i < lines.length && !label.equals(label(lines[i].strip(), END)); i++) {
            b64.append(lines[i].strip());
        }
        if (i == lines.length) {
            throw new KeyFormatException("no \"-----END " + label + "-----\" line: the key file is truncated");
        }
        try {
            return new Pem(label, Map.copyOf(headers), Base64.getDecoder().decode(b64.toString()));
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("the body of \"" + label + "\" is not valid base64");
        }
    }

    private static String label(String line, String prefix) {
        if (line.startsWith(prefix) && line.endsWith(DASHES) && line.length() >= prefix.length() + DASHES.length()) {
            return line.substring(prefix.length(), line.length() - DASHES.length());
        }
        return null;
    }

    @Override
    public String toString() {
        return "Pem[" + label + ", " + headers.keySet() + ", " + body.length + " bytes]";
    }
}
