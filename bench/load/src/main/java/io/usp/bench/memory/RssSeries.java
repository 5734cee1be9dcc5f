package io.usp.bench.memory;

/** VmRSS samples of one process over a run, in kB. */
public record RssSeries(long first, long max, long last) {

    public static RssSeries of(long sample) {
        return new RssSeries(sample, sample, sample);
    }

    public RssSeries add(long sample) {
        return new RssSeries(first, Math.max(max, sample), sample);
    }

    public long growth() {
        return max - first;
    }
}
