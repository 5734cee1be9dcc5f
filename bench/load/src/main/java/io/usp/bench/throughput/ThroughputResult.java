package io.usp.bench.throughput;

/**
 * What the path took from this process over the counted seconds, all streams together.
 *
 * @param bytes bytes the sockets took: what reached the sink plus what the path held on the way
 *              at the end, which is small against seconds of bulk traffic
 */
public record ThroughputResult(double gbitPerSecond, long bytes, double seconds, int streams) {
}
