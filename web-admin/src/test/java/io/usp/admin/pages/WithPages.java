package io.usp.admin.pages;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh admin server with the pages for each test, logged in as {@code admin}. */
abstract class WithPages {

    PagesServer admin;

    @BeforeEach
    void startPagesServer() {
        admin = new PagesServer();
        admin.login();
    }

    @AfterEach
    void stopPagesServer() {
        admin.close();
    }
}
