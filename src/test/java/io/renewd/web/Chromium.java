package io.renewd.web;

import io.renewd.testing.TestTls;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through its chromedriver (both found on the PATH or in /usr/bin; never downloaded),
 * with a window of a fixed size and a profile of its own. It trusts renewd's HTTPS certificate of this test run by its
 * key ({@code --ignore-certificate-errors-spki-list}): other certificates still fail as they would for a person.
 */
final class Chromium implements AutoCloseable {

    static final String INSTALL = "apt-get install chromium chromium-driver";

    private final Path profile;
    private final Path downloads;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    Chromium() {
        Path browser = executable("chromium", "chromium-browser").orElseThrow(() -> new AssertionError(
                "No Chromium on the PATH or in /usr/bin: the browser tests need it (" + INSTALL + ")"));
        Path chromedriver = executable("chromedriver").orElseThrow(() -> new AssertionError(
                "No chromedriver on the PATH or in /usr/bin: the browser tests need it (" + INSTALL + ")"));
        try {
            profile = Files.createTempDirectory("renewd-chromium-profile");
            downloads = Files.createTempDirectory("renewd-chromium-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-GB",
                "--ignore-certificate-errors-spki-list=" + spkiHash());
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "credentials_enable_service", false, "profile.password_manager_enabled", false));
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** The first of these programs on the PATH, else in /usr/bin. */
    static Optional<Path> executable(String... names) {
        List<Path> directories = Stream.concat(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank()).map(Path::of), Stream.of(Path.of("/usr/bin"))).toList();
        return Arrays.stream(names).flatMap(name -> directories.stream().map(d -> d.resolve(name)))
                .filter(Files::isExecutable).findFirst();
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens {@code path} of renewd, is sent to Keycloak's login form, signs in and lands back on the page. */
    void signIn(String user, String path) {
        open(path);
        waitFor(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        waitFor(d -> d.getCurrentUrl().startsWith(WebBrowser.origin()) && !d.findElements(By.id("person")).isEmpty());
    }

    void open(String path) {
        driver.get(WebBrowser.origin() + path);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    String html() {
        return driver.getPageSource();
    }

    <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(condition::apply);
    }

    /** The status renewd answers {@code path} with to this browser (its cookies, its session): a fetch from the page. */
    long status(String path) {
        return (Long) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0], {redirect: 'manual'}).then(r => done(r.status), e => done(-1));",
                WebBrowser.origin() + path);
    }

    /** Waits for a file the browser downloaded, whole. */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        waitFor(d -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    /** Saves the top {@code height} pixels of the page, at the window's width, as a PNG under {@code target/screenshots}. */
    Path screenshot(String name, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", height, "deviceScaleFactor", 1, "mobile", false));
        try {
            return screenshot(name);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Saves what the window shows as a PNG under {@code target/screenshots}. */
    Path screenshot(String name) {
        Path file = Path.of("target", "screenshots", name + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
            delete(downloads);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    /** The base64 SHA-256 of renewd's test certificate's public key, as Chromium's SPKI allow-list takes it. */
    private static String spkiHash() {
        try {
            byte[] spki = TestTls.localhost().certificate().getPublicKey().getEncoded();
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
