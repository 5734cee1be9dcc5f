package io.usp.bench.rate;

/**
 * Connections completed (connect, verified echo, close) per second of the run, and the steps
 * that failed; {@code firstError} is null when none did.
 */
public record RateResult(double perSecond, long completed, long errors, String firstError) {
}
