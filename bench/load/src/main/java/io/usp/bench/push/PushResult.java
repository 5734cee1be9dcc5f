package io.usp.bench.push;

import io.usp.bench.memory.RssSeries;
import java.util.Map;

/**
 * @param pushedBytes bytes the path took from this process: what the slow reader consumed plus
 *                    whatever the path buffered on the way
 * @param rssKb VmRSS of each pid over the run (first sample before pushing)
 * @param rssGrowthKb max - first, per pid
 */
public record PushResult(long pushedBytes, Map<String, RssSeries> rssKb, Map<String, Long> rssGrowthKb) {
}
