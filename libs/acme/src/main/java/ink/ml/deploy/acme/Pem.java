package ink.ml.deploy.acme;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks (RFC 7468) of DER keys: what TLS servers and {@code openssl} read. */
final class Pem {
    private Pem() {}

    /** {@code der} as one PEM block labelled {@code label}, e.g. {@code PRIVATE KEY}. */
    static String encode(String label, byte[] der) {
        return "-----BEGIN "
                + label
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + label
                + "-----\n";
    }

    /**
     * The DER of the first block labelled {@code label} in {@code pem}.
     *
     * @throws IllegalArgumentException when there is none, or it is not Base64
     */
    static byte[] decode(String pem, String label) {
        Matcher block =
                Pattern.compile(
                                "-----BEGIN "
                                        + Pattern.quote(label)
                                        + "-----([A-Za-z0-9+/=\\s]+)-----END "
                                        + Pattern.quote(label)
                                        + "-----")
                        .matcher(pem);
        if (!block.find()) {
            throw new IllegalArgumentException("no " + label + " block");
        }
        return Base64.getMimeDecoder().decode(block.group(1));
    }
}
