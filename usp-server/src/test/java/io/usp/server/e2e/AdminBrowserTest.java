package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.testing.DebianPackages;
import io.usp.server.admin.AdminWiring;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The admin UI in a real headless browser (Debian's chromium and chromium-driver, installed by
 * {@link DebianPackages} when missing): log in, create a deployment, see it carry a real partner connection
 * through a real client, edit its filter, watch the refusal counted, delete it; add an admin and
 * change your own password.
 */
@Timeout(180)
class AdminBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "browser-test-password";

    @TempDir
    Path dir;
    Targets targets = new Targets();
    WebDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        DebianPackages.require(new DebianPackages.Program(CHROMIUM, "chromium"),
                new DebianPackages.Program(CHROMEDRIVER, "chromium-driver"));
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        // this machine has no network beyond loopback: no calls home at start
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run",
                        "--user-data-dir=" + dir.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .withLogFile(dir.resolve("chromedriver.log").toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        targets.close();
    }

    @Test
    void adminCreatesEditsAndDeletesADeploymentThatCarriesRealConnections() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            world.startServer(List.of());
            world.startClient("agent-a", World.allowLoopback());
            world.awaitTunnels("agent-a", 2);
            AdminWiring admin = world.startAdmin(PASSWORD);
            String base = admin.url();

            browser.get(base);
            assertThat(browser.getCurrentUrl()).as("not logged in: the login page").contains("/login");
            logIn("admin", PASSWORD);

            browser.get(base + "deployments/new");
            int port = freePort();
            type("name", "web");
            type("listener.bind", "127.0.0.1");
            type("listener.port", "99999");
            type("target.host", "127.0.0.1");
            type("target.port", Integer.toString(echo));
            type("client", "agent-a");
            browser.findElement(By.id("save")).click();
            assertThat(browser.findElement(By.id("error-listener-port")).getText())
                    .as("the error is shown next to its field").contains("99999");
            assertThat(browser.findElement(By.name("target.host")).getAttribute("value"))
                    .as("what was typed is kept").isEqualTo("127.0.0.1");
            type("listener.port", Integer.toString(port));
            browser.findElement(By.id("save")).click();

            waitFor(By.id("deployment-web"));
            assertThat(browser.findElement(By.id("state-web")).getText()).isEqualTo("running");
            try (Socket partner = Partner.connect(port)) {
                assertThat(Partner.roundTrip(partner, "through the tunnel".getBytes()))
                        .isEqualTo("through the tunnel".getBytes());
            }

            browser.findElement(By.id("edit-web")).click();
            new Select(browser.findElement(By.name("ipFilter.mode"))).selectByValue("inline");
            type("ipFilter.allow", "192.0.2.0/24");
            new Select(browser.findElement(By.name("ipFilter.defaultAction"))).selectByValue("block");
            browser.findElement(By.id("save")).click();
            waitFor(By.id("deployment-web"));
            try (Socket refused = Partner.connect(port)) {
                assertThat(Partner.closedByServer(refused)).as("127.0.0.1 is no longer allowed").isTrue();
            }
            browser.navigate().refresh();
            assertThat(browser.findElement(By.id("deployment-web-refused-ip-filter")).getText()).isEqualTo("1");

            browser.findElement(By.id("delete-web")).click();
            browser.findElement(By.id("confirm-delete")).click();
            waitFor(By.id("new-deployment"));
            assertThat(browser.findElements(By.id("deployment-web"))).isEmpty();
            assertThat(accepts(port)).as("the listener is gone").isFalse();

            browser.get(base + "audit");
            assertThat(browser.getPageSource()).contains("web", "create", "update", "delete");
        } finally {
            Files.writeString(dir.resolve("last-page.html"), browser.getPageSource());
        }
    }

    @Test
    void adminAddsAnotherAdminThenChangesItsOwnPasswordAndLogsInAgain() throws Exception {
        try (World world = new World(dir)) {
            world.startServer(List.of());
            String base = world.startAdmin(PASSWORD).url();
            browser.get(base + "admins");
            logIn("admin", PASSWORD);
            assertThat(browser.getCurrentUrl()).as("back where the login began").endsWith("/admins");

            type("username", "zoe");
            type("password", "zoe's own long password");
            browser.findElement(By.id("add-admin")).click();
            waitFor(By.id("admin-zoe"));
            assertThat(browser.findElement(By.id("admin-zoe")).getText()).contains("never");

            type("currentPassword", PASSWORD);
            type("newPassword", "a brand new password");
            browser.findElement(By.id("change-password")).click();
            waitFor(By.id("notice"));
            assertThat(browser.findElement(By.id("notice")).getText()).contains("password was changed");
            browser.get(base + "admins");
            assertThat(browser.getCurrentUrl()).as("the old session ended").contains("/login");
            logIn("admin", "a brand new password");
            assertThat(browser.findElement(By.id("admin-zoe")).getText()).contains("zoe");
        } finally {
            Files.writeString(dir.resolve("last-page.html"), browser.getPageSource());
        }
    }

    private void logIn(String username, String password) {
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(By.id("logout"));
    }

    private void type(String field, String text) {
        WebElement input = browser.findElement(By.name(field));
        input.clear();
        input.sendKeys(text);
    }

    private void waitFor(By element) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .withMessage(() -> element + " on " + browser.getCurrentUrl() + ":\n" + browser.findElement(
                        By.tagName("body")).getText())
                .until(b -> !b.findElements(element).isEmpty());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
