package ink.ml.deploy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ink.ml.deploy.local.LocalPlatform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.Select;

/**
 * One person's way through the dashboard in Chromium: sign in with a one-time link, make a project
 * and a repository, push to it with the stock git client, create a service from it, watch the
 * deployment go live without a reload, open the app, see its runtime lines and memory chart, put a
 * {@code <script>} in a variable, roll back, change a setting, make an API key. Each page is
 * photographed.
 */
final class DashboardInBrowser {
    /** What was measured on the way. */
    record Result(
            Duration navigationTiming,
            Duration firstLoad,
            long gzippedScriptBytes,
            Duration createToActive) {}

    private static final String UID = "e2e-docker-browser";
    private static final String LOGGED_SCRIPT = "<script>window.__pwned = 1</script>";
    private static final String VARIABLE_SCRIPT =
            "<script>window.__pwned = 2</script><img src=x onerror=\"window.__pwned = 3\">";
    private static final String PROJECT = "section.project[data-project='browser']";
    private static final String STATUS = "h1.service-name .badge";
    private static final Pattern SCRIPT_ASSET = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"");

    private final LocalPlatform platform;
    private final DashboardBrowser browser;
    private final EdgeClient edge;
    private final Path work;
    private final Duration deployDeadline;

    DashboardInBrowser(
            LocalPlatform platform,
            DashboardBrowser browser,
            EdgeClient edge,
            Path work,
            Duration deployDeadline) {
        this.platform = platform;
        this.browser = browser;
        this.edge = edge;
        this.work = work;
        this.deployDeadline = deployDeadline;
    }

    Result signInDeployWatchOpenObserveAndRollBack(String dashboard) throws Exception {
        WebDriver driver = browser.driver();
        browser.open(dashboard);
        browser.find("#github-sign-in");
        browser.screenshot("01-sign-in");

        String link = platform.signInLink(UID, UID + "@example.com", "E2E Browser").toString();
        browser.open(link);
        browser.find(".who");
        assertThat(driver.getCurrentUrl()).doesNotContain("token=");
        // The session is in an HttpOnly cookie: no script sees it, nothing is stored.
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        assertThat(browser.script("return window.localStorage.length")).isEqualTo(0L);
        // The link signs in once.
        browser.open(link);
        assertThat(browser.text(".error-message")).contains("expired or was signed out");

        long loading = System.nanoTime();
        browser.open(dashboard);
        browser.find(".who");
        browser.find("#create-project");
        Duration firstLoad = Duration.ofNanos(System.nanoTime() - loading);
        Duration navigationTiming =
                Duration.ofMillis(
                        ((Number)
                                        browser.script(
                                                "return Math.round(performance"
                                                        + ".getEntriesByType('navigation')[0]"
                                                        + ".loadEventEnd)"))
                                .longValue());

        browser.type("#new-project-name", "browser");
        browser.click("#create-project");
        browser.find(PROJECT);
        browser.type(PROJECT + " .new-repo-name", "site");
        browser.click(PROJECT + " .create-repo");
        String repo = PROJECT + " li[data-repo='site']";
        browser.click(repo + " .new-git-token");
        String remote = browser.text(repo + " .git-remote");
        String token = browser.text(repo + " .git-token-secret");
        browser.screenshot("02-projects");

        GitCli git = GitCli.init(work.resolve("browser"));
        ObservedApp.writeTo(git);
        git.write(
                "Dockerfile",
                ObservedApp.DOCKERFILE.replace(
                        "\"exec /bin/busybox httpd",
                        "\"echo '" + LOGGED_SCRIPT + " started'; exec /bin/busybox httpd"));
        git.commit("first");
        git.push(remote, token);

        browser.click(PROJECT + " details.new-service summary");
        browser.type(PROJECT + " .new-service-name", "web");
        long creating = System.nanoTime();
        browser.click(PROJECT + " .create-service");
        browser.find(STATUS);
        browser.script("window.__sameDocument = true");
        browser.screenshot("03-service-deploying");
        browser.await(
                deployDeadline,
                "the first deployment to show ACTIVE",
                d -> "ACTIVE".equals(browser.find(STATUS).getAttribute("data-status")));
        Duration createToActive = Duration.ofNanos(System.nanoTime() - creating);
        assertThat(browser.script("return window.__sameDocument === true"))
                .as("the page was never reloaded")
                .isEqualTo(true);
        browser.await(
                Duration.ofSeconds(30),
                "the build log",
                d -> browser.text(".build-log").contains("==>"));
        browser.screenshot("04-service-active");

        String url = browser.find("#service-url").getAttribute("href");
        String hostname = URI.create(url).getHost();
        String dashboardTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        browser.open(url);
        browser.await(
                Duration.ofSeconds(60),
                "the app to answer at its URL",
                d -> d.getPageSource().contains("observed"));
        browser.screenshot("05-app");
        driver.close();
        driver.switchTo().window(dashboardTab);

        String marker = "marker-" + System.nanoTime();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> {
                            edge.getQuietly(hostname, "/cgi-bin/say?" + marker);
                            return browser.text(".runtime-log").contains("said " + marker);
                        });
        browser.await(
                Duration.ofSeconds(60),
                "the app's first line, with its <script>, as text",
                d -> browser.text(".runtime-log").contains(LOGGED_SCRIPT + " started"));
        browser.await(
                Duration.ofSeconds(90),
                "points in the memory chart",
                d ->
                        Integer.parseInt(browser.find("#memory-chart").getAttribute("data-points"))
                                        > 0
                                && browser.has("#memory-chart canvas"));
        browser.screenshot("06-logs-and-metrics");

        browser.type("#variable-name", "XSS_PROBE");
        browser.type("#variable-value", VARIABLE_SCRIPT);
        browser.click("#set-variable");
        browser.find("tr[data-variable='XSS_PROBE']");
        browser.click("#reveal-variables");
        assertThat(browser.text("tr[data-variable='XSS_PROBE'] .variable-value"))
                .isEqualTo(VARIABLE_SCRIPT);
        assertThat(browser.all("main script, main img")).isEmpty();
        assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
        browser.screenshot("07-variables");

        // Nothing earlier went live yet: the API's refusal is shown as it said it.
        browser.click("#rollback");
        assertThat(browser.text(".rollback-error .error-message")).isNotBlank();
        assertThat(browser.text(".rollback-error .error-code")).isNotBlank();

        git.write("www/index.html", "observed v2\n");
        git.commit("second");
        git.push(remote, token);
        browser.await(
                deployDeadline,
                "the pushed second deployment to show ACTIVE",
                d ->
                        browser.all("ol.timeline > li").size() == 2
                                && "ACTIVE"
                                        .equals(
                                                browser.find("ol.timeline > li")
                                                        .getAttribute("data-status")));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> edge.getQuietly(hostname).body().equals("observed v2\n"));
        browser.click("#rollback");
        browser.await(
                deployDeadline,
                "the rollback to show ACTIVE",
                d ->
                        browser.all("ol.timeline > li").size() == 3
                                && "ACTIVE"
                                        .equals(
                                                browser.find("ol.timeline > li")
                                                        .getAttribute("data-status"))
                                && browser.text("ol.timeline > li").contains("rollback"));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> edge.getQuietly(hostname).body().equals("observed\n"));
        assertThat(browser.script("return window.__sameDocument === true")).isEqualTo(true);
        browser.screenshot("08-rolled-back");
        String servicePage = driver.getCurrentUrl();

        // Settings: a refused value is shown with the field the API names, and nothing is saved;
        // a valid change is saved and is there after a reload.
        browser.type("#setting-rootDirectory", "../outside");
        browser.click("#save-settings");
        assertThat(browser.text("section[aria-labelledby='settings-h'] .error-field"))
                .isEqualTo("rootDirectory");
        browser.type("#setting-rootDirectory", "");
        new Select(browser.find("#setting-memory")).selectByValue("512");
        browser.click("#save-settings");
        browser.await(
                Duration.ofSeconds(30),
                "the saved settings",
                d ->
                        !browser.has("section[aria-labelledby='settings-h'] .error")
                                && browser.find("#save-settings").isEnabled());
        driver.navigate().refresh();
        assertThat(new Select(browser.find("#setting-memory")).getFirstSelectedOption().getText())
                .isEqualTo("512");
        assertThat(browser.find("#setting-rootDirectory").getAttribute("value")).isEmpty();
        browser.screenshot("09-settings");

        browser.click("a[href='#/api-keys']");
        browser.type("#new-key-name", "from the browser");
        browser.click("form[aria-label='New API key'] button[type='submit']");
        assertThat(browser.text("#new-key-secret")).startsWith("dk_live_");
        browser.screenshot("10-api-keys");

        browser.resize(375, 2400);
        browser.open(servicePage);
        browser.find("#memory-chart");
        assertThat(browser.script("return document.documentElement.scrollWidth <= innerWidth"))
                .as("nothing wider than a 375 px screen")
                .isEqualTo(true);
        browser.screenshot("11-service-375px");

        return new Result(navigationTiming, firstLoad, gzippedScript(dashboard), createToActive);
    }

    /** The dashboard's JavaScript as a browser downloads it, gzipped. */
    private static long gzippedScript(String dashboard) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            String page =
                    http.send(
                                    HttpRequest.newBuilder(URI.create(dashboard)).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            Matcher asset = SCRIPT_ASSET.matcher(page);
            long total = 0;
            while (asset.find()) {
                byte[] script =
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(dashboard)
                                                                .resolve(asset.group(1)))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofByteArray())
                                .body();
                ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
                try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
                    gzip.write(script);
                }
                total += gzipped.size();
            }
            assertThat(total).as("the page's scripts").isPositive();
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
