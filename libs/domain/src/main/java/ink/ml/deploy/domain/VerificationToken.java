package ink.ml.deploy.domain;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The secret a user publishes in DNS to prove they control a custom domain: 32 lowercase hex. */
public record VerificationToken(String value) {
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public VerificationToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException("verificationToken", "must be 32 lowercase hex digits");
        }
    }

    public static VerificationToken generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new VerificationToken(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
