package io.usp.admin.auth;

import java.security.SecureRandom;

/** A password made for someone to read off a console and type in: 24 characters, about 140 random bits. */
public final class GeneratedPassword {

    // no 0/O, 1/l/I: the password is read off a console and typed in
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int LENGTH = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedPassword() {
    }

    public static String next() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
