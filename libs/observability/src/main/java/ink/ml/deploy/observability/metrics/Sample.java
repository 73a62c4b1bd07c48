package ink.ml.deploy.observability.metrics;

import java.time.Instant;

/** One point of a time series. */
public record Sample(Instant at, double value) {}
