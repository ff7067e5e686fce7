package org.mineralsadvisor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mineralsadvisor.http.RunningService;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The panels beside the advice, in headless Chromium: the warnings grouped by code with their
 * fact rows, "What would change this?" beside "Why?", the near misses, a shock scenario's
 * difference from the baseline and the timeline chart. Every expectation is read from the API's
 * own answer for the same profile, so the test follows the fact base rather than fixing figures.
 */
class AnalysisPanelsTest {
    @RegisterExtension
    static final PageFixture page = PageFixture.local();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCENARIO = "indonesia-lifts-nickel-ore-ban";
    private final Browser browser = page.browser();
    private final RunningService server = page.server();

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    private static String indiaProfile() throws Exception {
        return Files.readString(Path.of("samples", "india.json"));
    }

    /** Loads the India sample, gets its advice and returns it as GET /v1/advice/{id} holds it. */
    private JsonNode submitIndiaSample() throws Exception {
        browser.go(server.url("/#officer"));
        browser.button("Start from the India sample").click();
        browser.text("The India sample loaded");
        browser.button("Get advice").click();
        browser.text("Advice for India (IND), as of 2026-11-30");
        String id = browser.css(".advice dl.meta dd code").getText();
        return call("GET", "/v1/advice/" + id, null);
    }

    private static JsonNode recommendation(JsonNode advice, String type, String subject) {
        for (JsonNode rec : advice.get("recommendations")) {
            if (rec.get("type").asText().equals(type) && rec.get("subject").asText().equals(subject)) {
                return rec;
            }
        }
        throw new AssertionError("the advice has no " + type + " " + subject);
    }

    @Test
    void theWarningsPanelListsTheAdvicesWarningsByCodeEachRowOpeningToItsSource() throws Exception {
        JsonNode advice = submitIndiaSample();
        Map<String, List<String>> expected = new TreeMap<>();
        for (JsonNode w : advice.get("warnings")) {
            expected.computeIfAbsent(w.get("code").asText(), c -> new ArrayList<>()).add(w.get("subject").asText());
        }
        assertThat(expected.get("SUSPENSION_LAPSED")).as("the India advice's warnings").contains("graphite");
        assertThat(expected.get("NO_PRODUCTION_DATA")).as("the India advice's warnings").isNotEmpty();

        WebElement panel = browser.css("section.warnings[role='note']");
        assertThat(panel.findElement(By.tagName("h3")).getText()).isEqualTo("Warnings (" + advice.get("warnings").size() + ")");
        browser.script("arguments[0].querySelectorAll('details.warning-group').forEach((d) => { d.open = true; });", panel);
        Map<String, List<String>> shown = new TreeMap<>();
        for (WebElement group : panel.findElements(By.cssSelector("details.warning-group"))) {
            List<String> subjects = new ArrayList<>();
            for (WebElement li : group.findElements(By.cssSelector("ul.warning-list > li"))) {
                subjects.add(li.getDomAttribute("data-subject"));
            }
            shown.put(group.getDomAttribute("data-code"), subjects);
        }
        assertThat(shown).isEqualTo(expected);
        assertThat(panel.getText()).contains("Suspension lapsed (" + expected.get("SUSPENSION_LAPSED").size() + ")")
                .contains("No production data (" + expected.get("NO_PRODUCTION_DATA").size() + ")");
        for (JsonNode w : advice.get("warnings")) {
            assertThat(panel.getText()).contains(w.get("message").asText());
        }

        // The lapsed suspension's evidence opens to its row's source and date, as the advice lists it.
        JsonNode lapsed = null;
        for (JsonNode w : advice.get("warnings")) {
            if (w.get("code").asText().equals("SUSPENSION_LAPSED") && w.get("subject").asText().equals("graphite")) {
                lapsed = w;
            }
        }
        String rowId = lapsed.get("evidence").get(0).asText();
        JsonNode row = advice.get("evidence").get(rowId);
        WebElement item = panel.findElement(By.cssSelector("details[data-code='SUSPENSION_LAPSED'] li[data-subject='graphite']"));
        WebElement summary = item.findElement(By.cssSelector("li.evidence-row summary"));
        assertThat(summary.getText()).contains(rowId);
        summary.click();
        assertThat(item.findElement(By.cssSelector("dl.row")).getText())
                .contains(row.get("source").asText()).contains(row.get("asOf").asText());

        // Graphite's recommendations carry a marker in words; it leads to the warning.
        JsonNode graphite = recommendation(advice, "STOCKPILE", "graphite");
        WebElement card = browser.css("section.rec[data-rec='" + graphite.get("id").asText() + "']");
        WebElement marker = card.findElement(By.cssSelector(".rec-warnings"));
        assertThat(marker.getText()).contains("Suspension lapsed (graphite)");
        browser.script("document.querySelectorAll('details.warning-group').forEach((d) => { d.open = false; });");
        marker.findElement(By.xpath(".//button[normalize-space(.)='Suspension lapsed (graphite)']")).click();
        assertThat(browser.driver().switchTo().activeElement()).isEqualTo(item);
        browser.script("arguments[0].scrollIntoView({block: 'start'});", panel);
        browser.screenshot("officer-warnings");
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.unlabelledControls()).isEmpty();
    }

    @Test
    void whatWouldChangeTheDysprosiumStockpileShowsTheAdvicesItemsAndTheNearMissesAreListed() throws Exception {
        JsonNode advice = submitIndiaSample();
        JsonNode rec = recommendation(advice, "STOCKPILE", "dysprosium");
        JsonNode items = rec.get("whatWouldChange");
        assertThat(items.size()).as("dysprosium's whatWouldChange").isPositive();
        WebElement card = browser.css("section.rec[data-rec='" + rec.get("id").asText() + "']");
        WebElement button = card.findElement(By.xpath(".//button[normalize-space(.)='What would change this?']"));
        assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("false");
        button.click();
        assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
        assertThat(button.getText()).isEqualTo("Hide what would change this");
        List<WebElement> shown = card.findElements(By.cssSelector(".wwc li.wwc-item"));
        assertThat(shown).hasSize(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String text = shown.get(i).getText();
            assertThat(shown.get(i).findElement(By.cssSelector(".wwc-text")).getText()).endsWith(item.get("text").asText());
            assertThat(text).contains(item.get("policyId").asText())
                    .contains(item.get("target").asText().replaceFirst("^profile:", ""));
        }
        browser.script("arguments[0].scrollIntoView({block: 'start'});", card);
        browser.screenshot("officer-what-would-change");

        // A corridor's items name a fact row and its column, and open to the row.
        for (JsonNode r : advice.get("recommendations")) {
            for (JsonNode item : r.get("whatWouldChange")) {
                if (item.get("target").asText().startsWith("facts/")) {
                    WebElement corridor = browser.css("section.rec[data-rec='" + r.get("id").asText() + "']");
                    corridor.findElement(By.xpath(".//button[normalize-space(.)='What would change this?']")).click();
                    WebElement list = corridor.findElement(By.cssSelector(".wwc"));
                    assertThat(list.getText()).contains(item.get("target").asText()).contains(item.get("field").asText());
                    break;
                }
            }
        }

        WebElement near = browser.css("section.near-misses");
        assertThat(near.getText()).contains("Near misses: almost fired (" + advice.get("nearMisses").size() + ")");
        for (JsonNode m : advice.get("nearMisses")) {
            assertThat(near.getText()).contains(m.get("condition").asText()).contains(m.get("policyId").asText());
        }
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theNickelOreScenarioShowsItsDifferenceFromTheBaseline() throws Exception {
        submitIndiaSample();
        JsonNode report = call("POST", "/v1/advice?scenario=" + SCENARIO + "&trace=none", indiaProfile());
        List<String> expected = new ArrayList<>();
        for (JsonNode c : report.get("difference").get("recommendations")) {
            expected.add(c.get("change").asText() + " " + c.get("type").asText() + " " + c.get("subject").asText());
        }
        assertThat(expected).as("the API's difference").contains("REMOVED STOCKPILE nickel");

        WebElement select = browser.byLabel("Scenario");
        browser.awaitTrue(() -> !select.getDomProperty("disabled").equals("true"), "the scenario list");
        new Select(select).selectByValue(SCENARIO);
        assertThat(browser.css(".scenario-about").getText()).contains(report.get("scenario").get("description").asText());
        browser.button("Run scenario").click();
        WebElement shown = browser.css(".scenario-report");
        assertThat(shown.findElement(By.tagName("h4")).getText()).isEqualTo("Under “" + report.get("scenario").get("title").asText() + "”");
        List<String> items = new ArrayList<>();
        for (WebElement li : shown.findElements(By.cssSelector("li.diff-item"))) {
            items.add(li.getDomAttribute("data-change") + " " + li.getDomAttribute("data-type") + " " + li.getDomAttribute("data-subject"));
        }
        assertThat(items).isEqualTo(expected);
        WebElement nickel = shown.findElement(By.cssSelector("li.diff-item[data-change='REMOVED'][data-subject='nickel']"));
        JsonNode removed = report.get("difference").get("recommendations").get(expected.indexOf("REMOVED STOCKPILE nickel"));
        assertThat(nickel.getText()).startsWith("Removed STOCKPILE: nickel")
                .contains("was " + removed.get("before").get("priority").asText())
                .contains(removed.get("before").get("summary").asText());
        JsonNode d = report.get("difference");
        assertThat(shown.getText()).contains(d.get("added").asInt() + " added, " + d.get("removed").asInt() + " removed, "
                + d.get("changed").asInt() + " changed, " + d.get("unchanged").asInt() + " unchanged.");
        for (JsonNode c : d.get("recommendations")) {
            for (JsonNode f : c.path("fields")) {
                assertThat(shown.getText()).contains(f.get("field").asText());
            }
        }
        shown.findElement(By.xpath(".//summary[starts-with(normalize-space(.), 'Sources')]")).click();
        for (JsonNode source : report.get("scenario").get("sources")) {
            assertThat(shown.getText()).contains(source.asText());
        }
        browser.script("arguments[0].scrollIntoView({block: 'start'});", browser.css("section.scenario"));
        browser.screenshot("officer-scenario");
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.unlabelledControls()).isEmpty();
    }

    @Test
    void aMonthlyTimelineChartsTheApisPointDatesAndListsEachChange() throws Exception {
        submitIndiaSample();
        JsonNode timeline = call("POST", "/v1/advice/timeline?from=2025-11-01&to=2026-11-30&step=month", indiaProfile());
        List<String> dates = new ArrayList<>();
        for (JsonNode p : timeline.get("points")) {
            dates.add(p.get("asOf").asText());
        }
        assertThat(dates.size()).as("the API's change points").isGreaterThan(1);

        setDate(browser.byLabel("From"), "2025-11-01");
        setDate(browser.byLabel("To"), "2026-11-30");
        assertThat(new Select(browser.byLabel("Step")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("month");
        browser.button("Show timeline").click();
        WebElement chart = browser.css("svg.timeline-chart");
        List<String> columns = chart.findElements(By.cssSelector("text.tl-date")).stream().map(e -> e.getDomAttribute("data-as-of")).toList();
        assertThat(columns).isEqualTo(dates);
        assertThat(chart.getDomAttribute("aria-label")).contains(String.join(", ", dates));
        // One row per (type, subject) the points hold; each cell's letter is its priority's.
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        for (JsonNode p : timeline.get("points")) {
            for (JsonNode r : p.get("recommendations")) {
                keys.add(r.get("type").asText() + " " + r.get("subject").asText());
            }
        }
        assertThat(chart.findElements(By.cssSelector("g.tl-row"))).hasSize(keys.size());
        JsonNode first = timeline.get("points").get(0).get("recommendations").get(0);
        WebElement firstRow = chart.findElement(By.cssSelector("g.tl-row[data-type='" + first.get("type").asText()
                + "'][data-subject='" + first.get("subject").asText() + "']"));
        assertThat(firstRow.findElements(By.cssSelector("g.tl-cell")).get(0).getDomAttribute("data-priority"))
                .isEqualTo(first.get("priority").asText());

        List<WebElement> points = browser.all("li.change-point");
        assertThat(points).hasSize(dates.size() - 1);
        for (int i = 1; i < dates.size(); i++) {
            JsonNode p = timeline.get("points").get(i);
            WebElement li = points.get(i - 1);
            assertThat(li.getDomAttribute("data-as-of")).isEqualTo(dates.get(i));
            List<String> changes = li.findElements(By.cssSelector("li.diff-item")).stream()
                    .map(e -> e.getDomAttribute("data-change") + " " + e.getDomAttribute("data-type") + " " + e.getDomAttribute("data-subject")).toList();
            List<String> apiChanges = new ArrayList<>();
            for (JsonNode c : p.get("changes")) {
                apiChanges.add(c.get("change").asText() + " " + c.get("type").asText() + " " + c.get("subject").asText());
            }
            assertThat(changes).isEqualTo(apiChanges);
            for (JsonNode e : p.get("events")) {
                assertThat(li.getText()).contains(e.get("text").asText());
            }
        }
        assertThat(browser.text(timeline.get("evaluated").asInt() + " dates evaluated from 2025-11-01 to 2026-11-30").isDisplayed()).isTrue();
        assertThat(browser.overflowsHorizontally()).isFalse();
        browser.script("arguments[0].scrollIntoView({block: 'start'});", browser.css("section.timeline"));
        browser.screenshot("officer-timeline");
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.unlabelledControls()).isEmpty();
    }

    @Test
    void aRangeTheServiceRefusesIsExplainedBesideItsField() {
        browser.go(server.url("/#officer"));
        browser.button("Start from the India sample").click();
        browser.text("The India sample loaded");
        setDate(browser.byLabel("From"), "2026-06-01");
        setDate(browser.byLabel("To"), "2026-01-01");
        browser.button("Show timeline").click();
        WebElement to = browser.byLabel("To");
        WebElement error = browser.driver().findElement(By.id(to.getDomAttribute("id") + "-error"));
        browser.awaitTrue(() -> !error.getText().isBlank(), "the problem beside To");
        assertThat(to.getDomAttribute("aria-invalid")).isEqualTo("true");
        WebElement notice = browser.css("section.timeline .notice.error");
        assertThat(notice.getText()).contains("The timeline could not be drawn").contains("400").doesNotContain("{\"");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void theNewControlsWorkWithTheKeyboardAlone() throws Exception {
        browser.go(server.url("/#officer"));
        browser.button("Start from the India sample").click();
        browser.text("The India sample loaded");
        toTheTop();

        // The advice, then "What would change this?" on its first recommendation, by Enter.
        browser.tabTo("Get advice", 400);
        browser.press(Keys.ENTER);
        browser.text("Advice for India (IND), as of 2026-11-30");
        WebElement opened = browser.tabTo("What would change this?", 80);
        browser.press(Keys.ENTER);
        assertThat(opened.getDomAttribute("aria-expanded")).isEqualTo("true");
        String controls = opened.getDomAttribute("aria-controls");
        assertThat(browser.driver().findElement(By.id(controls)).findElements(By.cssSelector("li.wwc-item"))).isNotEmpty();

        // A scenario: choose it with the arrow keys, run it with Enter.
        toTheTop();
        WebElement select = browser.tabTo("Scenario", 400);
        browser.awaitTrue(() -> !"true".equals(select.getDomProperty("disabled")), "the scenario list");
        for (int i = 0; i < 10 && !SCENARIO.equals(select.getDomProperty("value")); i++) {
            browser.press(Keys.ARROW_DOWN);
        }
        assertThat(select.getDomProperty("value")).isEqualTo(SCENARIO);
        browser.tabTo("Run scenario", 5);
        browser.press(Keys.ENTER);
        browser.css("li.diff-item[data-change='REMOVED'][data-subject='nickel']");

        // A timeline: dates typed into the date fields, drawn with Enter; the chart takes the focus to scroll.
        typeDate(browser.tabTo("From", 60), "2025-11-01");
        typeDate(browser.tabTo("To", 5), "2026-11-30");
        assertThat(browser.byLabel("From").getDomProperty("value")).isEqualTo("2025-11-01");
        assertThat(browser.byLabel("To").getDomProperty("value")).isEqualTo("2026-11-30");
        browser.tabTo("Show timeline", 5);
        browser.press(Keys.ENTER);
        browser.css("svg.timeline-chart");
        browser.tabTo("Timeline chart (scrolls sideways)", 5);
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.unlabelledControls()).isEmpty();
    }

    @Test
    void atAPhonesWidthThePanelsDoNotScrollSideways() throws Exception {
        try (Browser phone = Browser.open(390, 844)) {
            phone.go(server.url("/#officer"));
            phone.button("Start from the India sample").click();
            phone.text("The India sample loaded");
            phone.button("Get advice").click();
            phone.text("Advice for India (IND)");
            phone.all("section.rec").get(0).findElement(By.xpath(".//button[normalize-space(.)='What would change this?']")).click();
            phone.script("document.querySelectorAll('details.warning-group').forEach((d) => { d.open = true; });");
            WebElement select = phone.byLabel("Scenario");
            phone.awaitTrue(() -> !"true".equals(select.getDomProperty("disabled")), "the scenario list");
            new Select(select).selectByValue(SCENARIO);
            phone.button("Run scenario").click();
            phone.css(".scenario-report");
            setDate(phone, phone.byLabel("From"), "2025-11-01");
            setDate(phone, phone.byLabel("To"), "2026-11-30");
            phone.button("Show timeline").click();
            phone.css("svg.timeline-chart");
            assertThat(phone.overflowsHorizontally()).isFalse();
            phone.script("arguments[0].scrollIntoView({block: 'start'});", phone.css("section.timeline"));
            phone.screenshot("officer-timeline-phone");
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    /** Back to the start of the page's content, as the "Skip to content" link takes a keyboard user. */
    private void toTheTop() {
        browser.script("document.querySelector('#main').focus();");
    }

    private void setDate(WebElement input, String iso) {
        setDate(browser, input, iso);
    }

    /** Sets a date field's value as a date picker would (its typed form depends on the locale). */
    private static void setDate(Browser on, WebElement input, String iso) {
        on.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, iso);
    }

    /** Types a date into the focused date field in the order of the browser's locale (day, month, year or another). */
    @SuppressWarnings("unchecked")
    private void typeDate(WebElement input, String iso) {
        String[] parts = iso.split("-");
        Map<String, String> byPart = Map.of("year", parts[0], "month", parts[1], "day", parts[2]);
        List<String> order = (List<String>) browser.script("return new Intl.DateTimeFormat().formatToParts(new Date(2000, 10, 22))"
                + ".filter((p) => p.type !== 'literal').map((p) => p.type);");
        StringBuilder keys = new StringBuilder();
        for (String part : order) {
            keys.append(byPart.get(part));
        }
        browser.press(keys);
    }
}
