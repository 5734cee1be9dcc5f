package io.usp.server.cli;

import io.usp.protocol.pki.ClusterSecret;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cluster-secret --out FILE}: a new cluster secret, owner-only, never over an existing file. */
@Command(name = "cluster-secret",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Write a new cluster secret file.",
        description = "%nWrites FILE: " + ClusterSecret.MIN_BYTES + " random bytes, readable by its owner only. Copy it"
                + " to every server sharing the database and name it in cluster.secretFile: the CA's key is kept in"
                + " the database sealed with a key derived from it. An existing FILE is never replaced (a new"
                + " secret would not open the CA key sealed with the old one).%n")
final class ClusterSecretCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The file to create.")
    Path out;

    @Override
    public Integer call() throws Exception {
        byte[] secret = new byte[ClusterSecret.MIN_BYTES];
        new SecureRandom().nextBytes(secret);
        Path file = out.toAbsolutePath().normalize();
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            spec.commandLine().getErr().println(file + " exists already: it is left as it is (the servers' CA key is"
                    + " sealed with the secret in it). Choose another --out to make a new one.");
            return 1;
        }
        Files.write(file, secret);
        PrintWriter o = spec.commandLine().getOut();
        o.println("Wrote a cluster secret to " + file + " (" + secret.length + " random bytes, owner-only).");
        o.println("Copy it to every server sharing the database, owner-only there too, and name it in server.yaml:");
        o.println("  cluster: { secretFile: " + file.getFileName() + " }");
        o.flush();
        return 0;
    }
}
