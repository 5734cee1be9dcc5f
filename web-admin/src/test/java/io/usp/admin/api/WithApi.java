package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.admin.AdminTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
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

    /** A PATCH of {@code path} with a JSON merge patch. */
    HttpResponse<String> patch(String path, String patch) {
        return admin.api("PATCH", path, token, patch, MergePatchBody.MERGE_PATCH);
    }

    /** Each patch is refused (400) with the very answer a PUT of the whole entry it leads to gets. */
    void assertRefusedAsByPut(String path, Map<String, String> patchAndPut) {
        patchAndPut.forEach((patch, put) -> {
            HttpResponse<String> byPatch = patch(path, patch);
            HttpResponse<String> byPut = admin.api("PUT", path, token, put);
            assertThat(byPatch.statusCode()).as(patch + " -> " + byPatch.body()).isEqualTo(400);
            assertThat(AdminTestServer.json(byPatch)).as(patch).isEqualTo(AdminTestServer.json(byPut));
        });
    }
}
