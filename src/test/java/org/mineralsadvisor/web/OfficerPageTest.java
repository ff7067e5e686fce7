package org.mineralsadvisor.web;

import org.mineralsadvisor.http.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The officer's view as a person uses it, in headless Chromium: load the India sample, get
 * advice, see the pictures, open "Why?" down to a fact row, see a validation problem beside its
 * field, compare two advices, and the page at a phone's width.
 */
class OfficerPageTest {
    @RegisterExtension
    static final PageFixture page = PageFixture.local();
    private final Browser browser = page.browser();
    private final RunningService server = page.server();

    private void loadIndiaSample() {
        browser.go(server.url("/#officer"));
        browser.button("Start from the India sample").click();
        browser.text("The India sample loaded");
    }

    private void submitIndiaSample() {
        loadIndiaSample();
        browser.button("Get advice").click();
        browser.text("Advice for India (IND), as of 2026-11-30");
    }

    @Test
    void theIndiaSampleGivesRecommendationsWithPicturesAndReasonsDownToFactRows() {
        submitIndiaSample();
        assertThat(browser.all("section.rec")).hasSizeGreaterThan(10);
        assertThat(browser.text("High priority").isDisplayed()).isTrue();
        // Pictures: stock days against the target, import shares with the controlled source marked,
        // a corridor's score by policy id, a coalition's criteria.
        WebElement stock = browser.css("svg.chart[aria-label^='Stock: 12.17 days of demand against a target of 180 days']");
        assertThat(stock.isDisplayed()).isTrue();
        assertThat(browser.css("svg.chart[aria-label^='Imports of dysprosium by source: CHN 83.33% (export-controlled)']").isDisplayed()).isTrue();
        assertThat(browser.css("svg.chart[aria-label^='Score 80, TIER_1: COR-RESOURCE +20']").isDisplayed()).isTrue();
        assertThat(browser.script("""
                const overlaps = [];
                for (const svg of document.querySelectorAll('svg.chart')) {
                  const boxes = [...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect());
                  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
                    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps.push(svg.getAttribute('aria-label'));
                  }));
                }
                return overlaps;""")).as("chart labels drawn over each other").isEqualTo(List.of());
        assertThat(browser.text("PS-EXPORT-CONTROLS").isDisplayed()).isTrue();
        browser.script("document.querySelector('.advice .counts').scrollIntoView({block: 'start'});");
        browser.screenshot("officer");

        // "Why?" on the first recommendation, then down the tree to a fact-base row.
        WebElement first = browser.all("section.rec").get(0);
        first.findElement(By.xpath(".//button[normalize-space(.)='Why?']")).click();
        WebElement tree = browser.css("section.rec .why .why-tree");
        assertThat(tree.getText()).contains("STK-TRIGGER").contains("rules/stockpile.drl");
        List<WebElement> closed = tree.findElements(By.cssSelector("details.step:not([open]) > summary"));
        for (WebElement summary : closed) {
            if (summary.isDisplayed()) {
                summary.click();
            }
        }
        WebElement row = browser.await(() -> tree.findElements(By.cssSelector("li.evidence-row summary")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null), "a fact row in the reasons");
        row.click();
        WebElement details = row.findElement(By.xpath("./ancestor::li[1]"));
        assertThat(details.getText()).containsPattern("facts/[a-z_]+\\.csv:\\d+").contains("source").contains("as of");
        browser.screenshot("officer-why");
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.unlabelledControls()).isEmpty();
    }

    @Test
    void aValidationProblemIsShownBesideItsFieldWithItsSuggestion() {
        loadIndiaSample();
        WebElement country = browser.byLabel("Country");
        country.clear();
        country.sendKeys("Inda");
        WebElement demand = browser.byLabel("Annual demand (t)");
        demand.clear();
        demand.sendKeys("-1");
        browser.button("Get advice").click();
        browser.text("2 problems in the profile");
        WebElement countryError = browser.driver().findElement(By.id(country.getDomAttribute("id") + "-error"));
        assertThat(countryError.getText()).contains("did you mean 'IND' (India)?");
        assertThat(country.getDomAttribute("aria-invalid")).isEqualTo("true");
        WebElement demandError = browser.driver().findElement(By.id(demand.getDomAttribute("id") + "-error"));
        assertThat(demandError.getText()).contains("annualDemandTonnes must be > 0");
        browser.script("arguments[0].scrollIntoView({block: 'start'});", browser.css("form.profile"));
        browser.screenshot("officer-validation");

        // The suggestion fixes the field; a corrected demand then passes.
        countryError.findElement(By.xpath(".//button[normalize-space(.)='Use IND']")).click();
        assertThat(browser.byLabel("Country").getDomProperty("value")).isEqualTo("IND");
        // The fix redraws the form; the problem not yet fixed stays beside its field.
        WebElement stillWrong = browser.byLabel("Annual demand (t)");
        assertThat(browser.driver().findElement(By.id(stillWrong.getDomAttribute("id") + "-error")).getText())
                .contains("annualDemandTonnes must be > 0");
        assertThat(stillWrong.getDomAttribute("aria-invalid")).isEqualTo("true");
        WebElement fixed = browser.byLabel("Annual demand (t)");
        fixed.clear();
        fixed.sendKeys("120");
        browser.button("Get advice").click();
        browser.text("Advice for India (IND), as of 2026-11-30");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void problemsInTheJsonEditorAreShownBesideTheFormFieldsAndMalformedJsonAtItsLine() {
        loadIndiaSample();
        browser.button("JSON").click();
        WebElement json = browser.byLabel("Profile JSON");
        browser.script("arguments[0].value = arguments[0].value.replace('\"asOf\": \"2026-11-30\"', '\"asOf\": 2026-11-30'); "
                + "arguments[0].dispatchEvent(new Event('input'));", json);
        browser.button("Get advice").click();
        WebElement error = browser.driver().findElement(By.id(json.getDomAttribute("id") + "-error"));
        browser.awaitTrue(() -> error.getText().contains("line 3"), "the malformed JSON's line");
        // The page names the place itself too, before anything is sent.
        browser.button("Form").click();
        assertThat(error.getText()).contains("not valid JSON at line 3, column 15: unexpected '-'");
        assertThat(browser.byLabel("Profile JSON").isDisplayed()).isTrue();

        browser.script("arguments[0].value = arguments[0].value.replace('\"asOf\": 2026-11-30', '\"asOf\": \"2026-11-30\", \"colour\": \"red\"');", json);
        browser.button("Get advice").click();
        browser.text("1 problem in the profile");
        WebElement group = browser.css("fieldset.invalid");
        assertThat(group.getText()).contains("/colour").contains("unknown field 'colour'");
        group.findElement(By.xpath(".//button[normalize-space(.)='Remove colour']")).click();
        browser.button("Get advice").click();
        browser.text("Advice for India (IND), as of 2026-11-30");
    }

    @Test
    void jsonThatIsNotAProfileStaysAsTypedWithItsProblemBesideIt() {
        loadIndiaSample();
        browser.button("JSON").click();
        WebElement json = browser.byLabel("Profile JSON");
        browser.script("arguments[0].value = '[1, 2]';", json);
        browser.button("Get advice").click();
        WebElement error = browser.driver().findElement(By.id(json.getDomAttribute("id") + "-error"));
        browser.awaitTrue(() -> !error.getText().isBlank(), "the problem under the JSON editor");
        assertThat(json.isDisplayed()).isTrue();
        assertThat(json.getDomProperty("value")).isEqualTo("[1, 2]");
    }

    @Test
    void entriesKeepTheirPlacesAndNewOnesAreSentAsTheFormShowsThem() {
        loadIndiaSample();
        browser.button("JSON").click();
        WebElement json = browser.byLabel("Profile JSON");
        browser.script("arguments[0].value = arguments[0].value.replace(/\"memberships\": \\[[^\\]]*\\]/, "
                + "'\"memberships\": [\"QAUD\", \"G77\"]');", json);
        assertThat(json.getDomProperty("value")).contains("[\"QAUD\", \"G77\"]");
        browser.button("Form").click();
        // Emptying the first entry and typing again must not shift the second under it.
        WebElement first = browser.byLabel("Membership 1");
        first.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        first.sendKeys("QUAD");
        browser.button("JSON").click();
        assertThat(browser.byLabel("Profile JSON").getDomProperty("value")).contains("\"QUAD\",\n    \"G77\"");
        browser.button("Form").click();

        // Unticking a coalition with the keyboard keeps the focus on it.
        WebElement quad = browser.byLabel("Minerals Security Partnership (MSP)");
        quad.sendKeys(Keys.SPACE);
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(focused.getDomAttribute("data-coalition")).isEqualTo("MSP");
        focused.sendKeys(Keys.SPACE);
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("data-coalition")).isEqualTo("MSP");

        // A new corridor with its boxes left unticked means "no"; its missing id is "required".
        browser.button("Add corridor").click();
        List<WebElement> ids = browser.all("input").stream().filter(e -> "Corridor id".equals(labelOf(e))).toList();
        WebElement fresh = ids.get(ids.size() - 1);
        WebElement group = fresh.findElement(By.xpath("./ancestor::fieldset[1]"));
        type(group, "Resource (t REO)", "1000");
        type(group, "Separation capacity (t/yr)", "0");
        type(group, "Port distance (km)", "10");
        new org.openqa.selenium.support.ui.Select(group.findElement(By.xpath(".//select"))).selectByVisibleText("GRANTED");
        browser.button("Get advice").click();
        // Two problems, no more: G77 (kept in its place) and the corridor's missing id.
        browser.text("2 problems in the profile");
        assertThat(browser.driver().findElement(By.id(fresh.getDomAttribute("id") + "-error")).getText()).contains("id is required");
        WebElement g77 = browser.byLabel("Membership 2");
        assertThat(g77.getDomProperty("value")).isEqualTo("G77");
        assertThat(browser.driver().findElement(By.id(g77.getDomAttribute("id") + "-error")).getText()).contains("'G77'");
    }

    private static String labelOf(WebElement control) {
        List<WebElement> labels = control.findElements(By.xpath("./preceding-sibling::label"));
        return labels.isEmpty() ? null : labels.get(0).getText().trim();
    }

    private static void type(WebElement group, String label, String text) {
        WebElement input = group.findElement(By.xpath(".//label[normalize-space(.)='" + label + "']/following-sibling::input"));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void theAuditListShowsAdviceGivenSinceItWasLastOpened() {
        submitIndiaSample();
        String first = browser.css("dl.meta dd code").getText();
        browser.button("Audit").click();
        browser.awaitTrue(() -> browser.css(".audit-list").getText().contains(first), "the advice in the audit list");
        browser.button("Advice").click();
        browser.button("Get advice").click();
        browser.awaitTrue(() -> !browser.css("#view-officer dl.meta dd code").getText().equals(first), "a second advice");
        String second = browser.css("#view-officer dl.meta dd code").getText();
        browser.button("Audit").click();
        browser.awaitTrue(() -> browser.css(".audit-list").getText().contains(second), "the new advice in the audit list");
    }

    @Test
    void twoAdvicesCompareByWhatDiffers() {
        submitIndiaSample();
        String india = browser.css("dl.meta dd code").getText();
        browser.byLabel("Other sample");
        new org.openqa.selenium.support.ui.Select(browser.byLabel("Other sample")).selectByVisibleText("Japan");
        browser.button("Load sample").click();
        browser.text("The Japan sample loaded");
        browser.button("Get advice").click();
        browser.text("Advice for Japan (JPN)");
        String japan = browser.css("dl.meta dd code").getText();
        browser.button("Compare").click();
        WebElement first = browser.byLabel("First advice");
        WebElement second = browser.byLabel("Second advice");
        // The tab's two newest advices are offered, and follow a newer one.
        assertThat(first.getDomProperty("value")).isEqualTo(india);
        assertThat(second.getDomProperty("value")).isEqualTo(japan);
        browser.button("Advice").click();
        browser.button("Get advice").click();
        browser.awaitTrue(() -> !browser.css("dl.meta dd code").getText().equals(japan), "a third advice");
        String third = browser.css("dl.meta dd code").getText();
        browser.button("Compare").click();
        browser.awaitTrue(() -> third.equals(browser.byLabel("Second advice").getDomProperty("value")), "the newest advice offered");
        assertThat(browser.byLabel("First advice").getDomProperty("value")).isEqualTo(japan);
        first.clear();
        first.sendKeys(india);
        second.clear();
        second.sendKeys(japan);
        second.sendKeys(Keys.ENTER);
        browser.text("Only in the first");
        assertThat(browser.css(".compare-result").getText()).contains("IND").contains("JPN").contains("In both, changed");
        browser.screenshot("compare");
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.unlabelledControls()).isEmpty();
    }

    @Test
    void theWholeJourneyWorksWithTheKeyboardAlone() {
        browser.go(server.url("/#officer"));
        browser.text("Country profile");
        browser.tabTo("Start from the India sample", 40);
        browser.press(Keys.ENTER);
        browser.text("The India sample loaded");
        browser.tabTo("Get advice", 400);
        browser.press(Keys.ENTER);
        browser.text("Advice for India (IND), as of 2026-11-30");
        WebElement why = browser.tabTo("Why?", 40);
        browser.press(Keys.ENTER);
        assertThat(why.getDomAttribute("aria-expanded")).isEqualTo("true");
        // Into the tree: open the first firing that cites a fact row, then the row, with Enter.
        WebElement step = (WebElement) browser.script("return [...document.querySelectorAll('section.rec .why details.step')]"
                + ".find(d => d.querySelector(':scope > .step-body > div > ul.evidence > li.evidence-row'));");
        assertThat(step).as("a firing that cites a fact row").isNotNull();
        if (step.getDomAttribute("open") == null) {
            browser.tabTo(step.findElement(By.cssSelector(":scope > summary")).getText().trim(), 80);
            browser.press(Keys.ENTER);
        }
        WebElement row = step.findElement(By.cssSelector(":scope > .step-body li.evidence-row summary"));
        String rowText = row.getText().trim();
        browser.tabTo(rowText, 80);
        browser.press(Keys.ENTER);
        assertThat(row.findElement(By.xpath("./ancestor::li[1]")).getText()).containsPattern("facts/[a-z_]+\\.csv:\\d+")
                .contains("source");
        assertThat(row.findElement(By.xpath("./ancestor::details[1]")).getDomAttribute("open")).isNotNull();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void downloadJsonSavesTheAdviceExactlyAsTheServiceRecordedIt() throws Exception {
        submitIndiaSample();
        String id = browser.css("dl.meta dd code").getText();
        Files.deleteIfExists(Browser.DOWNLOADS.resolve(id + ".json"));
        browser.button("Download JSON").click();
        Path saved = browser.downloaded(id + ".json");
        java.net.http.HttpResponse<byte[]> stored = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/v1/advice/" + id))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(Files.readAllBytes(saved)).isEqualTo(stored.body());
    }

    @Test
    void hostileTextInAProfileIsShownAsTextAndNeverRuns() {
        loadIndiaSample();
        String hostile = "<img src=x onerror=\"window.__pwned=1\">";
        WebElement name = browser.byLabel("Corridor id");
        name.clear();
        name.sendKeys(hostile);
        browser.button("Get advice").click();
        browser.text("Advice for India (IND)");
        WebElement summary = browser.await(() -> browser.all("section.rec p.summary").stream()
                .filter(e -> e.getText().contains(hostile)).findFirst().orElse(null), "the corridor's id shown as text");
        assertThat(summary.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.script("return window.__pwned === undefined;")).isEqualTo(true);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void thePrintedReportIsTheAdviceAloneWithEachRecommendationsReasons() throws Exception {
        submitIndiaSample();
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.driver().findElement(By.cssSelector("header.masthead")).isDisplayed()).isFalse();
            assertThat(browser.driver().findElement(By.cssSelector("form.profile")).isDisplayed()).isFalse();
            assertThat(browser.all("button").stream().noneMatch(WebElement::isDisplayed)).isTrue();
            List<WebElement> reasons = browser.all("section.rec ol.reasons");
            assertThat(reasons).hasSameSizeAs(browser.all("section.rec"));
            assertThat(reasons.get(0).isDisplayed()).isTrue();
            assertThat(reasons.get(0).getText()).contains("STK-TRIGGER").contains("rules/stockpile.drl");
            assertThat(browser.text("Advice for India (IND), as of 2026-11-30").isDisplayed()).isTrue();
            browser.screenshot("officer-print");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        org.openqa.selenium.Pdf pdf = browser.driver().print(new org.openqa.selenium.print.PrintOptions());
        byte[] bytes = java.util.Base64.getDecoder().decode(pdf.getContent());
        Files.createDirectories(Browser.SCREENSHOTS);
        Files.write(Browser.SCREENSHOTS.resolve("officer-report.pdf"), bytes);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }

    @Test
    void atAPhonesWidthNothingScrollsSideways() throws Exception {
        try (Browser phone = Browser.open(390, 844)) {
            phone.go(server.url("/#officer"));
            phone.button("Start from the India sample").click();
            phone.text("The India sample loaded");
            phone.button("Get advice").click();
            phone.text("Advice for India (IND)");
            assertThat(phone.overflowsHorizontally()).isFalse();
            phone.screenshot("officer-phone");
            // Reasons opened all the way down, and a very long corridor id, still wrap.
            phone.all("section.rec").get(0).findElement(By.xpath(".//button[normalize-space(.)='Why?']")).click();
            phone.script("document.querySelectorAll('section.rec .why details').forEach((d) => { d.open = true; });");
            assertThat(phone.overflowsHorizontally()).as("the page with the reasons open").isFalse();
            WebElement id = phone.byLabel("Corridor id");
            id.clear();
            id.sendKeys("IND_" + "VERY_LONG_CORRIDOR_NAME_".repeat(6));
            assertThat(phone.overflowsHorizontally()).as("the form with a long id").isFalse();
            phone.button("Get advice").click();
            phone.text("VERY_LONG_CORRIDOR_NAME_VERY");
            assertThat(phone.overflowsHorizontally()).as("the advice with a long id").isFalse();
            assertThat(phone.consoleErrors()).isEmpty();
        }
        assertThat(Files.size(Browser.SCREENSHOTS.resolve("officer-phone.png"))).isPositive();
    }
}
