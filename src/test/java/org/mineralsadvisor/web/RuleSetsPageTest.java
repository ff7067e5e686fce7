package org.mineralsadvisor.web;

import org.mineralsadvisor.http.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.config.Setting;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule sets view as a domain expert uses it, in headless Chromium: read the live rules, break
 * a rule in the editor and see the gate's located error, jump to its line, then make a valid
 * change live; with API keys, two experts share the approval and an auditor only reads.
 */
class RuleSetsPageTest {
    @TempDir
    Path dir;
    /** One per test, closed before its server: its idle kept-alive connections would hold the server's stop for seconds. */
    static Browser browser;

    @Test
    void anExpertSeesTheLocatedErrorOfABrokenRuleThenMakesAValidChangeLive() throws Exception {
        try (RunningService server = new RunningService(dir, Map.of()); Browser opened = Browser.open(1280, 800)) {
            browser = opened;
            browser.go(server.url("/#rulesets"));
            WebElement rules = browser.css("#rs-active-rules");
            assertThat(rules.getText()).contains("Import reliance at or above 50%").contains("STK-RELIANCE")
                    .contains("rules/stockpile.drl:15");
            assertThat(browser.text("Rows per table of the fact base").isDisplayed()).isTrue();

            WebElement editor = openInEditor("stockpile.drl");
            String original = value(editor);
            int brokenLine = lineOf(original, original.indexOf("then"));
            type(editor, original.replaceFirst("then", "thn"));
            browser.byLabel("Reason").sendKeys("a broken rule, on purpose");
            browser.button("Upload candidate").click();

            // Drools reports the statement after the misspelt "then", where the parse fails.
            WebElement problem = afterTheGate(By.cssSelector("button.rs-problem"), "the located problem");
            assertThat(problem.getText()).matches("rules/stockpile\\.drl:" + (brokenLine + 1) + ":\\d+: .+");
            problem.click();
            assertThat(browser.script("return document.activeElement === arguments[0];", editor)).isEqualTo(true);
            long caret = (Long) browser.script("return arguments[0].selectionStart;", editor);
            assertThat(lineOf(value(editor), (int) caret)).isEqualTo(brokenLine + 1);
            // The caret stands at the problem's column, as the problem names it.
            String column = problem.getText().replaceFirst("^rules/stockpile\\.drl:\\d+:(\\d+):.*$", "$1");
            assertThat(column).isNotEqualTo("1");
            assertThat(browser.text("Line " + (brokenLine + 1) + ", column " + column).isDisplayed()).isTrue();
            assertGutterFollows(editor);
            browser.screenshot("rulesets-error");
            atPhoneWidth(problem);

            type(editor, original.replaceFirst("// Handbook sections 2 and 3", "// Handbook sections 2 and 3 (touched in the browser test)"));
            WebElement reason = browser.byLabel("Reason");
            reason.clear();
            reason.sendKeys("comment touched by the browser test");
            browser.button("Upload candidate").click();
            afterTheGate(containing("It is now the active rule set"), "the upload made live");
            assertThat(browser.text("in local single-user mode one approval is enough").isDisplayed()).isTrue();
            browser.awaitTrue(() -> firstHistoryRow().contains("comment touched by the browser test"), "the upload at the top of the history");
            assertThat(firstHistoryRow()).contains("active").contains("upload").contains("1 of 1 (local)");
            assertThat(browser.css("#rs-activations").getText()).contains("comment touched by the browser test");
            assertThat(browser.css("#view-rulesets").getText()).contains("rules/stockpile.drl:" + (brokenLine + 1) + ":");

            rollBackToTheFirstVersion();
            assertThat(browser.unlabelledControls()).isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
        }
        assertThat(Files.size(Browser.SCREENSHOTS.resolve("rulesets-error.png"))).isPositive();
        assertThat(Files.size(Browser.SCREENSHOTS.resolve("rulesets-phone.png"))).isPositive();
    }

    @Test
    void withKeysTwoExpertsApproveAndAnAuditorOnlyReads() {
        String keys = "expert:e1:" + ApiKeys.sha256Hex("e1-key") + ",expert:e2:" + ApiKeys.sha256Hex("e2-key")
                + ",auditor:a1:" + ApiKeys.sha256Hex("a1-key");
        try (RunningService server = new RunningService(dir, Map.of(Setting.API_KEYS, keys)); Browser opened = Browser.open(1280, 800)) {
            browser = opened;
            browser.go(server.url("/#rulesets"));
            useKey("e1-key", "Signed in with key e1 (role expert)");
            WebElement editor = openInEditor("stockpile.drl");
            type(editor, value(editor).replaceFirst("// Handbook sections 2 and 3", "// Handbook sections 2 and 3 (keyed)"));
            browser.byLabel("Reason").sendKeys("a comment, approved by two experts");
            browser.button("Upload candidate").click();
            afterTheGate(containing("waits for 1 more approval from another expert key"), "the upload waiting for approval");
            assertThat(browser.text("Your key (e1) has approved it").isDisplayed()).isTrue();
            assertThat(visibleButtons("Approve")).isEmpty();
            // One approval of two: Activate could only fail, so it is not offered.
            assertThat(visibleButtons("Activate")).isEmpty();

            browser.script("performance.clearResourceTimings();");
            useKey("a1-key", "Signed in with key a1 (role auditor)");
            assertThat(browser.css("#rs-active-rules").getText()).contains("Import reliance at or above 50%");
            assertThat(browser.text("1 ready for approval").isDisplayed()).isTrue();
            assertThat(browser.text("a comment, approved by two experts").isDisplayed()).isTrue();
            assertThat(visibleButtons("Upload candidate")).isEmpty();
            assertThat(visibleButtons("Approve")).isEmpty();
            assertThat(visibleButtons("Activate")).isEmpty();
            assertThat(browser.byLabel("Rule file").getDomProperty("readOnly")).isEqualTo("true");
            assertThat(browser.all("#view-rulesets").get(0).getText()).doesNotContain("Active fact base");
            List<?> called = (List<?>) browser.script("return performance.getEntriesByType('resource').map(e => e.name);");
            assertThat(called).as("the auditor's calls").anyMatch(url -> url.toString().endsWith("/v1/rulesets/active"))
                    .noneMatch(url -> url.toString().contains("/v1/factbase"));
            assertThat(browser.unlabelledControls()).isEmpty();

            useKey("e2-key", "Signed in with key e2 (role expert)");
            browser.button("Approve").click();
            assertThat(afterTheGate(containing("Approved: version"), "the approval").getText()).contains("is now active").contains("2 of 2 (e1, e2)");
            browser.awaitTrue(() -> firstHistoryRow().contains("a comment, approved by two experts"), "the approved version at the top");
            assertThat(firstHistoryRow()).contains("active");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    private static void useKey(String key, String signedIn) {
        browser.byLabel("API key").sendKeys(key);
        browser.button("Use key").click();
        browser.text(signedIn);
        browser.css("#rs-active-rules");
    }

    private static WebElement openInEditor(String file) {
        new Select(browser.byLabel("File")).selectByValue(file);
        WebElement editor = browser.byLabel("Rule file");
        browser.awaitTrue(() -> value(editor).contains("package minerals.advisor"), file + " in the editor");
        return editor;
    }

    /** As typing does: the new text, then the input event the page listens to. */
    private static void type(WebElement editor, String text) {
        browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                editor, text);
    }

    private static String value(WebElement editor) {
        return editor.getDomProperty("value");
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The gutter numbers every line and scrolls with the text, so a number is its line's. */
    private static void assertGutterFollows(WebElement editor) {
        Object heights = browser.script("const s = (e) => getComputedStyle(e).lineHeight; "
                + "return [s(arguments[0]), s(arguments[0].previousElementSibling)];", editor);
        assertThat(((List<?>) heights).get(1)).as("the gutter's line height").isEqualTo(((List<?>) heights).get(0));
        Object lines = browser.script("return arguments[0].previousElementSibling.textContent.split('\\n').length;", editor);
        assertThat(((Long) lines).intValue()).isEqualTo(value(editor).split("\n", -1).length);
        Object scroll = browser.script("return [arguments[0].scrollTop, arguments[0].previousElementSibling.scrollTop];", editor);
        List<?> tops = (List<?>) scroll;
        assertThat(((Number) tops.get(0)).doubleValue()).isPositive();
        assertThat(((Number) tops.get(1)).doubleValue()).isCloseTo(((Number) tops.get(0)).doubleValue(),
                org.assertj.core.data.Offset.offset(1.0));
    }

    private static void atPhoneWidth(WebElement shown) {
        Dimension wide = browser.driver().manage().window().getSize();
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        try {
            browser.awaitTrue(() -> (Long) browser.script("return window.innerWidth;") <= 400, "a phone-wide window");
            assertThat(browser.overflowsHorizontally()).as("wider than the window: %s", browser.script("""
                    return [...document.querySelectorAll('#view-rulesets *')]
                      .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap, .rs-editor'))
                      .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 60));""")).isFalse();
            browser.script("arguments[0].scrollIntoView({block: 'center'});", shown);
            browser.screenshot("rulesets-phone");
        } finally {
            browser.driver().manage().window().setSize(wide);
        }
    }

    private static void rollBackToTheFirstVersion() {
        WebElement card = browser.await(() -> browser.all("details.rs-card").stream()
                .filter(d -> d.getText().contains("the rules directory at first start")).findFirst().orElse(null),
                "the first version's card");
        card.findElement(By.tagName("summary")).click();
        card.findElement(By.xpath(".//button[normalize-space(.)='Show impact']")).click();
        browser.awaitTrue(() -> card.getText().contains("Rule changes"), "the impact of the first version");
        assertThat(card.getText()).contains("None: the rules, their metadata and their parameters are the same.");
        card.findElement(By.xpath(".//button[normalize-space(.)='Roll back to this version']")).click();
        assertThat(afterTheGate(containing("Rolled back: version"), "the rollback").getText()).contains("is now active");
        browser.awaitTrue(() -> firstActivationRow().contains("rollback to an earlier active version"), "the rollback's activation");
    }

    /**
     * What follows an upload or an activation: the gate compiles the set and runs every scenario,
     * seconds on a warm JVM but tens of seconds on a cold one sharing a busy machine.
     */
    private static WebElement afterTheGate(By by, String what) {
        try {
            return new WebDriverWait(browser.driver(), Duration.ofSeconds(120)).withMessage(() -> "waited 120 s for " + what)
                    .until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        } catch (TimeoutException e) {
            browser.screenshot("failure-rulesets-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw e;
        }
    }

    private static By containing(String text) {
        return By.xpath("//*[contains(normalize-space(.), '" + text + "')][not(*[contains(normalize-space(.), '" + text + "')])]");
    }

    private static String firstHistoryRow() {
        return browser.css("#rs-history tbody tr").getText();
    }

    private static String firstActivationRow() {
        return browser.css("#rs-activations tbody tr").getText();
    }

    private static List<WebElement> visibleButtons(String text) {
        return browser.driver().findElements(By.xpath("//button[normalize-space(.)='" + text + "']")).stream()
                .filter(WebElement::isDisplayed).toList();
    }
}
