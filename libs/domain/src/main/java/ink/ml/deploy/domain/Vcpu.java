package ink.ml.deploy.domain;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount of CPU as people write it, in vCPUs ("0.5", "2"), and as Kubernetes counts it, in
 * millicores. Which amounts a service may have is {@link ResourcePlan}'s rule, not this one's.
 */
public record Vcpu(int milliCpu) {
    public static final String FIELD = "vcpu";

    /** A plain decimal with at most three fraction digits: one millicore is the finest unit. */
    private static final Pattern SHAPE = Pattern.compile("[0-9]{1,4}(\\.[0-9]{1,3})?");

    public Vcpu {
        if (milliCpu < 1) {
            throw new InvalidValueException(FIELD, "must be more than 0");
        }
    }

    public static Vcpu ofMilli(int milliCpu) {
        return new Vcpu(milliCpu);
    }

    /** Parses "0.5", "1", "2.0", … */
    public static Vcpu parse(String vcpu) {
        if (vcpu == null || !SHAPE.matcher(vcpu).matches()) {
            throw new InvalidValueException(
                    FIELD,
                    "must be a number of vCPUs such as 0.5 or 2"
                            + (vcpu == null
                                    ? ""
                                    : " (got \"" + DnsLabel.printable(truncate(vcpu)) + "\")"));
        }
        return new Vcpu(new BigDecimal(vcpu).movePointRight(3).intValueExact());
    }

    /** "0.5", "1", "2": the shortest decimal. */
    @Override
    public String toString() {
        return BigDecimal.valueOf(milliCpu, 3).stripTrailingZeros().toPlainString();
    }

    private static String truncate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
