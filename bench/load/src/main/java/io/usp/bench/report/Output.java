package io.usp.bench.report;

/** Where a measurement's one JSON line goes: stdout, for bench/run to collect. */
public final class Output {

    private Output() {
    }

    public static void print(Object result) {
        System.out.println(Json.line(result));
        System.out.flush();
    }
}
