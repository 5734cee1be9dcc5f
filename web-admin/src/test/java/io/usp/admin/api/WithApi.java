package io.usp.admin.api;

import io.usp.admin.AdminTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh admin server for each test, and a bearer token of user {@code admin}. */
abstract class WithApi {

    AdminTestServer admin;
    String token;

    @BeforeEach
    void startAdminServer() {
        admin = new AdminTestServer();
        token = admin.token();
    }

    @AfterEach
    void stopAdminServer() {
        admin.close();
    }
}
