package io.usp.deployments.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One row per partner connection once it ended (what its log line says), or per run of refusals
 * summed over an interval; pruned by age and by a row cap.
 */
public interface ConnectionHistory {

    /**
     * @param outcome {@code closed}, {@code abandoned}, or a refusal reason such as {@code ip-filter}
     * @param via     the client's name, or {@code direct}; empty when refused before a route was chosen
     * @param connections how many connections the row stands for: 1, or the refusals of one partner
     *                    address summed over an interval (then {@code partner} is the address alone)
     * @param rule    the number (from 1) of the collection rule that decided; 0 when no rule did
     */
    record ConnectionRecord(long id, Instant closedAt, String deployment, String partner, Optional<String> target,
                            Optional<String> via, String outcome, Optional<String> detail, long bytesUp,
                            long bytesDown, long durationMs, long connections, int rule) {
    }

    /** Adds many at once (the server batches them); ids are assigned. */
    void add(List<ConnectionRecord> records);

    /** Newest first, optionally of one deployment. */
    List<ConnectionRecord> recent(int limit, Optional<String> deployment);

    /** Deletes rows closed before {@code cutoff}; returns how many. */
    int pruneBefore(Instant cutoff);

    /** Deletes all but the newest {@code maxRows} rows; returns how many. */
    int pruneToNewest(int maxRows);
}
