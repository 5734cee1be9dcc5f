package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;

/** The twenty-file tree the FTP tests mirror, and the mirror itself: up, checked inside, listed, down, checked. */
final class FtpTree {

    private FtpTree() {
    }

    /** Twenty files in two folders, sizes from 0 to about 600 KiB. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add((i % 2 == 0 ? "a" : "b") + "/f" + i + ".bin");
        }
        return names;
    }

    static byte[] content(String name) {
        int i = Integer.parseInt(name.replaceAll("\\D", ""));
        return Partner.random(i * 31_000, i);
    }

    /** Through a logged-in {@code ftp} (its data mode set): the tree up into {@code root}, then back, SHA-exact. */
    static void mirror(FTPClient ftp, Path insideHome, String root) throws Exception {
        assertThat(ftp.makeDirectory(root)).as(ftp.getReplyString()).isTrue();
        for (String sub : List.of("a", "b")) {
            assertThat(ftp.makeDirectory(root + "/" + sub)).as(ftp.getReplyString()).isTrue();
        }
        for (String name : names()) {
            assertThat(ftp.storeFile(root + "/" + name, new ByteArrayInputStream(content(name))))
                    .as("STOR %s: %s", name, ftp.getReplyString()).isTrue();
        }
        for (String name : names()) {
            assertThat(Partner.sha256(Files.readAllBytes(insideHome.resolve(root + "/" + name))))
                    .as("stored inside: %s", name).isEqualTo(Partner.sha256(content(name)));
        }
        assertThat(ftp.listFiles(root + "/a")).as(ftp.getReplyString()).hasSize(10);
        for (String name : names()) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            assertThat(ftp.retrieveFile(root + "/" + name, back)).as("RETR %s: %s", name, ftp.getReplyString()).isTrue();
            assertThat(Partner.sha256(back.toByteArray())).as("fetched: %s", name)
                    .isEqualTo(Partner.sha256(content(name)));
        }
    }
}
