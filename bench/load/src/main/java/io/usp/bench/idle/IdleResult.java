package io.usp.bench.idle;

import java.util.Map;

/**
 * @param opened connections whose first round trip succeeded
 * @param aliveAfterHold of those, the ones whose second round trip after the hold succeeded
 * @param errors failed opens plus failed second round trips
 * @param firstError the first failure, null when none
 * @param rssBeforeKb VmRSS of each pid before the first connect
 * @param rssAfterKb VmRSS of each pid with all connections still open, after the second round trips
 * @param perConnectionBytes the pids' summed RSS growth divided by {@code opened}
 */
public record IdleResult(int opened, long aliveAfterHold, long errors, String firstError,
                         Map<String, Long> rssBeforeKb, Map<String, Long> rssAfterKb, long perConnectionBytes) {
}
