package org.mineralsadvisor.web;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium driven through the system's chromedriver, finding controls the way a person
 * does: by their visible label or text. Skipped with a message where no Chromium is installed;
 * under CI=true that is a failure (.ci/run installs Debian's chromium and chromium-driver).
 */
final class Browser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Where "Download JSON" and "Download audit bundle" save, for the tests to read back. */
    static final Path DOWNLOADS = Path.of("target", "downloads").toAbsolutePath();
    /**
     * Chrome logs a fetch answered 4xx as a console error even when the page handled it (a
     * validation error shown beside its field is the page working). Those are expected; any
     * other error (a script error, a 5xx, a CSP violation) fails the test.
     */
    private static final Pattern HANDLED_CLIENT_ERROR = Pattern.compile(
            ".*Failed to load resource: the server responded with a status of 4\\d\\d.*");

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static Browser open(int width, int height) {
        Path chromium = executable("chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path chromedriver = executable("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-GB", "--no-first-run",
                "--disable-extensions", "--disable-background-networking");
        options.setExperimentalOption("prefs", java.util.Map.of(
                "download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver);
    }

    private static Path executable(String name, String... places) {
        for (String place : places) {
            if (Files.isExecutable(Path.of(place))) {
                return Path.of(place);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String why = name + " is not installed, so the web page's browser tests cannot run "
                + "(apt-get install chromium chromium-driver; .ci/run does)";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
        throw new IllegalStateException(why);
    }

    ChromeDriver driver() {
        return driver;
    }

    void go(String url) {
        driver.get(url);
    }

    /** The control a visible label names: <label for>, a wrapping <label>, or aria-label. */
    WebElement byLabel(String label) {
        return await(() -> {
            for (WebElement l : driver.findElements(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"))) {
                if (!l.isDisplayed()) {
                    continue;
                }
                String target = l.getDomAttribute("for");
                if (target != null) {
                    return driver.findElement(By.id(target));
                }
                List<WebElement> inner = l.findElements(By.cssSelector("input, select, textarea"));
                if (!inner.isEmpty()) {
                    return inner.get(0);
                }
            }
            for (WebElement e : driver.findElements(By.cssSelector("[aria-label=" + cssString(label) + "]"))) {
                if (e.isDisplayed()) {
                    return e;
                }
            }
            return null;
        }, "a control labelled '" + label + "'");
    }

    /** A visible button (or link styled as one) whose text or accessible label is {@code text}. */
    WebElement button(String text) {
        return await(() -> firstVisible(By.xpath("//button[normalize-space(.)=" + literal(text) + " or @aria-label="
                + literal(text) + "] | //a[normalize-space(.)=" + literal(text) + "]")), "a button '" + text + "'");
    }

    /** The first visible element containing {@code text}. */
    WebElement text(String text) {
        return await(() -> firstVisible(By.xpath("//*[not(self::script)][contains(normalize-space(.), " + literal(text)
                + ")][not(*[contains(normalize-space(.), " + literal(text) + ")])]")), "text '" + text + "'");
    }

    WebElement css(String selector) {
        return await(() -> firstVisible(By.cssSelector(selector)), "an element " + selector);
    }

    List<WebElement> all(String selector) {
        return driver.findElements(By.cssSelector(selector));
    }

    private WebElement firstVisible(By by) {
        for (WebElement e : driver.findElements(by)) {
            try {
                if (e.isDisplayed()) {
                    return e;
                }
            } catch (StaleElementReferenceException ignored) {
                // re-rendered meanwhile: the next poll finds the new one
            }
        }
        return null;
    }

    <T> T await(Supplier<T> find, String what) {
        try {
            return wait.withMessage(() -> "waited 20 s for " + what).until(d -> {
                try {
                    return find.get();
                } catch (NoSuchElementException | StaleElementReferenceException e) {
                    return null;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            Path shot = screenshot("failure-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("waited 20 s for " + what + " (screenshot " + shot + "); console: " + consoleErrors(), e);
        }
    }

    void awaitTrue(Supplier<Boolean> condition, String what) {
        await(() -> condition.get() ? Boolean.TRUE : null, what);
    }

    /** The file a download saved under {@code name}, once it is complete. */
    Path downloaded(String name) {
        Path file = DOWNLOADS.resolve(name);
        awaitTrue(() -> Files.isRegularFile(file) && !Files.exists(DOWNLOADS.resolve(name + ".crdownload")), "the download " + name);
        return file;
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console errors since the last call, less the handled 4xx answers (see above). */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    && !HANDLED_CLIENT_ERROR.matcher(entry.getMessage()).matches()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /**
     * Every visible control without an accessible name (what a screen reader would read):
     * a label, aria-label, aria-labelledby, or for a button its text.
     */
    @SuppressWarnings("unchecked")
    List<String> unlabelledControls() {
        return (List<String>) script("""
                const out = [];
                for (const el of document.querySelectorAll('input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])')) {
                  if (el.type === 'hidden' || !(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) continue;
                  const labelled = (el.labels && el.labels.length > 0 && [...el.labels].some(l => l.textContent.trim()))
                    || (el.getAttribute('aria-label') || '').trim()
                    || (el.getAttribute('aria-labelledby') || '').trim()
                    || ((el.tagName === 'BUTTON' || el.tagName === 'A' || el.tagName === 'SUMMARY') && el.textContent.trim())
                    || (el.tagName === 'MAIN');
                  if (!labelled) out.push(el.outerHTML.slice(0, 120));
                }
                return out;""");
    }

    /** Whether the page is wider than the window (a phone would scroll sideways). */
    boolean overflowsHorizontally() {
        return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth + 1;");
    }

    /**
     * Presses Tab (as a keyboard user does) until the focused control's text or label is
     * {@code name}; fails when it is not reached within {@code maxTabs} presses.
     */
    WebElement tabTo(String name, int maxTabs) {
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(driver);
        for (int i = 0; i < maxTabs; i++) {
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
            // As read, not as styled: getText() applies text-transform, textContent does not.
            if (focusedLabel().map(Browser::normalized).filter(normalized(name)::equals).isPresent()) {
                return driver.switchTo().activeElement();
            }
        }
        throw new AssertionError("'" + name + "' was not reached with " + maxTabs + " presses of Tab");
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").trim().toLowerCase(java.util.Locale.ROOT);
    }

    void press(CharSequence key) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(key).perform();
    }

    Optional<String> focusedLabel() {
        Object label = script("const e = document.activeElement; if (!e) return null; "
                + "if (e.labels && e.labels.length) return e.labels[0].textContent; "
                + "return e.getAttribute('aria-label') || e.textContent || e.id;");
        return Optional.ofNullable((String) label);
    }

    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static String cssString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public void close() {
        driver.quit();
    }
}
