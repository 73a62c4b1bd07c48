package ink.ml.deploy.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The highest fixed rate at which a request's p99 stays under a bound with every request answered,
 * found by steps: from the fixed rates already measured, doubling up while they pass, then halving
 * the gap (geometrically) between the highest passing and the lowest failing rate until they are
 * within {@link #RESOLUTION} of each other or {@link #MAX_STEPS} more steps were run.
 */
final class RateSearch {
    static final double P99_BOUND_MILLIS = 50;
    private static final double RESOLUTION = 1.2;
    private static final int MAX_STEPS = 5;
    private static final double LOWEST = 2;
    private static final double HIGHEST = 3200;

    /** One measured step at a rate. */
    interface Measure {
        FixedRateLoad.Step at(double rate) throws InterruptedException;
    }

    /**
     * @param passing the highest rate that passed; 0 when none did
     * @param steps every step measured by the search (not the fixed rates given)
     */
    record Outcome(double passing, double failing, List<FixedRateLoad.Step> steps) {}

    private RateSearch() {}

    static boolean passes(FixedRateLoad.Step step) {
        return step.clean() && step.p99Millis() < P99_BOUND_MILLIS;
    }

    static Outcome search(List<FixedRateLoad.Step> measured, Measure measure)
            throws InterruptedException {
        List<FixedRateLoad.Step> all = new ArrayList<>(measured);
        List<FixedRateLoad.Step> steps = new ArrayList<>();
        for (int i = 0; i < MAX_STEPS; i++) {
            double good = highestPassing(all);
            double bad = lowestFailing(all, good);
            double next;
            if (Double.isInfinite(bad)) {
                if (good >= HIGHEST) {
                    break;
                }
                next = good * 2;
            } else if (good == 0) {
                if (bad <= LOWEST) {
                    break;
                }
                next = bad / 2;
            } else {
                if (bad / good <= RESOLUTION) {
                    break;
                }
                next = Math.sqrt(good * bad);
            }
            next = Math.round(next);
            FixedRateLoad.Step step = measure.at(next);
            steps.add(step);
            all.add(step);
        }
        double good = highestPassing(all);
        return new Outcome(good, lowestFailing(all, good), steps);
    }

    private static double highestPassing(List<FixedRateLoad.Step> steps) {
        // The highest rate that passed below which nothing failed: a lucky step above a failed one
        // does not count.
        List<FixedRateLoad.Step> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(FixedRateLoad.Step::rate));
        double good = 0;
        for (FixedRateLoad.Step step : sorted) {
            if (!passes(step)) {
                break;
            }
            good = step.rate();
        }
        return good;
    }

    private static double lowestFailing(List<FixedRateLoad.Step> steps, double above) {
        return steps.stream()
                .filter(step -> step.rate() > above && !passes(step))
                .mapToDouble(FixedRateLoad.Step::rate)
                .min()
                .orElse(Double.POSITIVE_INFINITY);
    }
}
