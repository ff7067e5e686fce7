package org.mineralsadvisor.web;

import org.mineralsadvisor.http.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advice renderer on advices the shipped pack does not produce: another pack's types and
 * detail fields, the contract's warnings, an untraced advice. The page must show all of it
 * rather than assume today's rules.
 */
class AdviceViewTest {
    @RegisterExtension
    static final PageFixture page = PageFixture.local();
    private final Browser browser = page.browser();
    private final RunningService server = page.server();

    private static final String ADVICE = """
            {"id": "adv_TEST", "country": "IND", "asOf": "2026-03-01", "evaluatedAt": "2026-03-01T10:00:00Z",
             "ruleSet": {"version": "sha256:aa"}, "factBase": {"version": "sha256:bb"},
             "recommendations": [
               {"id": "rec-1", "type": "RECYCLE", "subject": "cobalt", "priority": "MEDIUM", "policyId": "REC-NEW",
                "summary": "Recycle cobalt from spent batteries.", "details": {"recoveryShare": 0.25, "plantTonnes": 1200, "partners": ["JPN"]},
                "because": [1]}],
             "warnings": [{"code": "STALE_FACT", "subject": "cobalt", "message": "The production share of cobalt is 3 years old.",
                           "evidence": ["facts/production.csv:7"]}],
             "trace": [{"step": 1, "policyId": "REC-NEW", "rule": "Recycle what is imported", "ruleFile": "rules/recycle.drl",
                        "matched": [], "evidence": ["facts/production.csv:7"], "produced": [], "explanation": "cobalt: recycle", "dependsOn": []}],
             "evidence": {"facts/production.csv:7": {"type": "Production", "file": "facts/production.csv", "line": 7,
                          "mineral": "cobalt", "stage": "mining", "country": "COD", "share": 0.7, "source": "USGS MCS 2023", "asOf": "2022-12-31"}}}
            """;

    private WebElement render(String adviceJson) {
        browser.go(server.url("/#compare"));
        browser.driver().navigate().refresh();
        browser.text("Compare two advices");
        browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/js/advice-view.js').then((m) => {
                  const host = document.createElement('div');
                  host.id = 'rendered';
                  host.append(m.renderAdvice(JSON.parse(arguments[0])));
                  document.querySelector('main').append(host);
                  done();
                });""", adviceJson);
        return browser.css("#rendered");
    }

    @Test
    void anotherPacksTypesDetailsAndWarningsAreAllShown() {
        WebElement advice = render(ADVICE);
        assertThat(advice.getText())
                .contains("RECYCLE: cobalt").contains("Recycle cobalt from spent batteries.")
                .contains("Recovery share").contains("25%").contains("Plant tonnes").contains("1,200 t")
                .contains("Warnings (1)").contains("STALE_FACT").contains("The production share of cobalt is 3 years old.")
                .contains("facts/production.csv:7");
        advice.findElement(By.xpath(".//button[normalize-space(.)='Why?']")).click();
        assertThat(browser.css("#rendered .why-tree").getText()).contains("REC-NEW").contains("rules/recycle.drl")
                .contains("cobalt: recycle").contains("facts/production.csv:7");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void anUntracedAdviceSaysWhereItsReasonsAre() {
        WebElement advice = render(ADVICE.replace("\"trace\": [", "\"trace\": [], \"former\": ["));
        advice.findElement(By.xpath(".//button[normalize-space(.)='Why?']")).click();
        assertThat(browser.css("#rendered .why").getText()).contains("written without its trace");
    }
}
