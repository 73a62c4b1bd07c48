package ink.ml.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian's {@code chromium}, driven by its {@code
 * chromedriver} through Selenium), as a person uses it: links, fields and buttons found by what
 * they say or their labels' ids. Screenshots go to {@code target/screenshots/}.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    private final ChromeDriver driver;

    private DashboardBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Why the browser cannot run here, if it cannot. */
    static Optional<String> unavailableReason() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return Optional.of(
                    "Debian's chromium and chromium-driver are not installed ("
                            + CHROMIUM
                            + ", "
                            + CHROMEDRIVER
                            + "): apt-get install chromium chromium-driver");
        }
        return Optional.empty();
    }

    static DashboardBrowser start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: the tests run as root, where Chromium's own sandbox refuses to start.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--window-size=1280,2400");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        return new DashboardBrowser(new ChromeDriver(service, options));
    }

    WebDriver driver() {
        return driver;
    }

    /**
     * Loads {@code url} as a new document: by way of a blank page, since going to a URL that
     * differs only in its fragment would not load the page again.
     */
    void open(String url) {
        driver.get("about:blank");
        driver.get(url);
    }

    /** Waits up to {@code deadline} for the condition to hold (not null, not false). */
    <T> T await(Duration deadline, String what, Function<WebDriver, T> condition) {
        WebDriverWait wait = new WebDriverWait(driver, deadline, Duration.ofMillis(200));
        wait.withMessage(what);
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(condition);
    }

    WebElement find(String css) {
        return await(Duration.ofSeconds(30), "an element " + css, d -> visible(d, css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        find(css).click();
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows as {@code target/screenshots/{name}.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static WebElement visible(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
