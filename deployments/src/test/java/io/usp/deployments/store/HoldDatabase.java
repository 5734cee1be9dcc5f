package io.usp.deployments.store;

import java.nio.file.Path;
import java.time.Clock;

/** Another process holding a file database open until its standard input closes ({@link DatabaseFileTest}). */
public final class HoldDatabase {

    private HoldDatabase() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(Path.of(args[0]), Clock.systemUTC())) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to let go
            }
        }
    }
}
