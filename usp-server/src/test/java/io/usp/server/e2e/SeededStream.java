package io.usp.server.e2e;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** {@code size} pseudo-random bytes from a seed, made as they are read (no copy in memory), with their SHA-256. */
final class SeededStream extends InputStream {

    private final SplittableRandom random;
    private final MessageDigest digest = Partner.digest();
    private long left;

    SeededStream(long size, long seed) {
        this.left = size;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (left == 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) random.nextInt(256);
        }
        digest.update(b, off, n);
        left -= n;
        return n;
    }

    /** The SHA-256 of every byte read; call once at the end. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
