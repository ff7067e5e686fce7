package org.mineralsadvisor.web;

import org.mineralsadvisor.http.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.testing.StoredAdvice;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Audit view as an auditor uses it, in a real browser against a real keyed service: search
 * and page through past advice, open one with its recommendations, replay it, verify the chain,
 * and see the record someone altered by hand named as the broken one.
 */
class AuditorPageTest {
    private static final String KEYS = "officer:o1:" + ApiKeys.sha256Hex("o1-key")
            + ",auditor:a1:" + ApiKeys.sha256Hex("a1-key");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void an_auditor_searches_opens_replays_and_verifies_then_sees_the_altered_record_named() throws Exception {
        try (RunningService server = new RunningService(dir, Map.of(Setting.API_KEYS, KEYS));
             Browser browser = Browser.open(1280, 800)) {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode india = submit(http, server, "india");
            JsonNode japan = submit(http, server, "japan");
            String indiaId = india.get("id").asText();
            String japanId = japan.get("id").asText();

            browser.go(server.url("/"));
            browser.byLabel("API key").sendKeys("a1-key");
            browser.button("Use key").click();
            browser.text("Signed in with key a1 (role auditor).");
            browser.button("Audit").click();
            browser.css("#view-auditor-title");
            // The view lists the newest advice as soon as it opens.
            awaitRows(browser, List.of(japanId, indiaId));

            // Enter in a field searches, as in any form.
            browser.byLabel("Country").sendKeys("IND", Keys.ENTER);
            awaitRows(browser, List.of(indiaId));
            assertThat(browser.all(".audit-list tbody td.country")).extracting(WebElement::getText)
                    .allMatch(text -> text.startsWith("IND"));

            // The rule-set version as the table shows it (its first hex digits) finds the same rows.
            String shown = browser.css(".audit-list tbody td abbr.version").getText();
            browser.byLabel("Rule-set version").sendKeys(shown, Keys.ENTER);
            awaitRows(browser, List.of(indiaId));
            assertThat(browser.byLabel("Rule-set version").getDomProperty("value")).isEqualTo(india.get("ruleSet").get("version").asText());
            browser.byLabel("Rule-set version").clear();

            // A malformed country is refused beside its field, not as an empty result.
            browser.byLabel("Country").clear();
            browser.byLabel("Country").sendKeys("India");
            browser.button("Search").click();
            browser.text("country 'India' is not an ISO 3166-1 alpha-3 code");
            assertThat(browser.byLabel("Country").getDomAttribute("aria-invalid")).isEqualTo("true");

            browser.byLabel("Country").clear();
            browser.byLabel("Page size").sendKeys("1");
            browser.button("Search").click();
            awaitRows(browser, List.of(japanId));
            assertThat(browser.byLabel("Country").getDomAttribute("aria-invalid")).isNull();
            assertThat(browser.css(".pager .page-no").getText()).isEqualTo("page 1");
            assertThat(browser.button("Previous page").isEnabled()).isFalse();
            browser.button("Next page").click();
            awaitRows(browser, List.of(indiaId));
            assertThat(browser.css(".pager .page-no").getText()).isEqualTo("page 2");
            assertThat(browser.button("Next page").isEnabled()).isFalse();
            // On the last page the focus moves from the spent "Next page" to "Previous page": the keyboard goes on from there.
            assertThat(browser.focusedLabel()).hasValue("Previous page");
            browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            awaitRows(browser, List.of(japanId));
            assertThat(browser.css(".pager .page-no").getText()).isEqualTo("page 1");

            browser.button("Open " + japanId).click();
            browser.text("Advice " + japanId);
            WebElement opened = browser.css(".audit-open");
            String firstSummary = japan.at("/recommendations/0/summary").asText();
            browser.awaitTrue(() -> opened.getText().contains(firstSummary), "the opened advice's first recommendation");
            assertThat(browser.all(".audit-open section.rec")).hasSize(japan.get("recommendations").size());
            // The stored trace is there: the first recommendation's reasons open from the audit view too.
            WebElement first = browser.css(".audit-open section.rec");
            first.findElement(By.xpath(".//button[normalize-space(.)='Why?']")).click();
            assertThat(first.findElement(By.cssSelector(".why .why-tree")).getText())
                    .contains("rule firing").contains(japan.at("/recommendations/0/policyId").asText());
            // The bundle's input is the submitted profile, which the import picture is drawn from.
            assertThat(first.findElement(By.cssSelector("svg[aria-label^='Imports of gallium by source']")).getDomAttribute("aria-label"))
                    .contains("CHN 64.29%");
            browser.button("Replay").click();
            browser.text("identical to the stored advice");
            assertThat(browser.css(".audit-replay").getText()).startsWith("Replayed with rule set "
                    + hex12(japan.at("/ruleSet/version").asText()) + " and fact base " + hex12(japan.at("/factBase/version").asText()));
            // Compare offers what this tab has opened.
            assertThat((String) browser.script("return sessionStorage.getItem('minerals-advisor.seen-advice');")).contains(japanId);
            browser.script("document.getElementById('audit-open-title').scrollIntoView();");
            browser.screenshot("auditor");

            Files.deleteIfExists(Browser.DOWNLOADS.resolve(japanId + ".bundle.json"));
            browser.button("Download audit bundle").click();
            String saved = Files.readString(browser.downloaded(japanId + ".bundle.json"));
            JsonNode bundle = JSON.readTree(saved);
            assertThat(bundle.get("format").asText()).isEqualTo("minerals-advisor/audit-bundle@4");
            assertThat(bundle.at("/record/id").asText()).isEqualTo(japanId);
            assertThat(bundle.at("/record/seq").asInt()).isEqualTo(4);
            assertThat(bundle.get("input")).isEqualTo(JSON.readTree(Files.readString(Path.of("samples/japan.json"))));

            browser.button("Verify the chain").click();
            // The rule set's activation and the signing key at startup, then the two advice.
            browser.text("The audit chain is valid: 4 records checked.");

            // Someone with write access to the database lowers the first recommendation's priority.
            StoredAdvice.edit("jdbc:sqlite:" + dir.resolve("advisor.db"), japanId,
                    advice -> advice.replaceFirst("\"priority\":\"HIGH\"", "\"priority\":\"LOW\""));
            browser.button("Verify the chain").click();
            browser.text("The audit chain is broken at record #4 (" + japanId + "): ");
            browser.script("document.getElementById('audit-chain-title').scrollIntoView();");
            browser.screenshot("auditor-broken");
            browser.button("Open the broken advice").click();
            browser.text("Advice " + japanId);
            browser.button("Replay").click();
            browser.text("differs from the stored advice in 1 place.");
            List<String> difference = browser.all(".audit-diff tbody td").stream().map(WebElement::getText).toList();
            assertThat(difference).containsExactly("/recommendations/0/priority", "\"LOW\"", "\"HIGH\"");

            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.awaitTrue(() -> ((Number) browser.script("return window.innerWidth;")).intValue() <= 390, "a phone-sized window");
            assertThat(browser.overflowsHorizontally()).as("the page scrolls sideways at 390 px past %s", widerThanWindow(browser))
                    .isFalse();
            browser.script("document.getElementById('audit-results-title').scrollIntoView();");
            browser.screenshot("auditor-phone");

            assertThat(browser.consoleErrors()).isEmpty();
            assertThat(browser.unlabelledControls()).isEmpty();
        }
    }

    private static JsonNode submit(HttpClient http, RunningService server, String sample) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(server.url("/v1/advice")))
                .header("Authorization", "Bearer o1-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(Path.of("samples", sample + ".json"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body());
    }

    private static void awaitRows(Browser browser, List<String> ids) {
        browser.awaitTrue(() -> rowIds(browser).equals(ids), "the listed advice to be " + ids);
    }

    private static List<String> rowIds(Browser browser) {
        return browser.driver().findElements(By.cssSelector(".audit-list tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-id")).toList();
    }

    /**
     * What sticks out past the window's right edge to say why a phone scrolls sideways: content
     * a .table-wrap scrolls is fine, unless it is positioned out of it (an absolute element
     * escapes a scroll box that is not its containing block).
     */
    @SuppressWarnings("unchecked")
    private static List<String> widerThanWindow(Browser browser) {
        return (List<String>) browser.script("""
                const out = [];
                for (const el of document.querySelectorAll('body *')) {
                  const escapes = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
                  if (el.parentElement.closest('.table-wrap') && !escapes) continue;
                  const right = el.getBoundingClientRect().right;
                  if (right > document.documentElement.clientWidth + 1) out.push(`${el.tagName}.${el.className} to ${right}px`);
                }
                return out.slice(0, 10);""");
    }

    private static String hex12(String version) {
        return version.replace("sha256:", "").substring(0, 12);
    }
}
