package org.mineralsadvisor.web;

import org.mineralsadvisor.http.RunningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.config.Setting;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The key field and the views each role sees, with API keys configured and in local mode. */
class KeysAndRolesPageTest {
    @RegisterExtension
    static final PageFixture page = PageFixture.with(Map.of(Setting.API_KEYS, String.join(",",
            "officer:o1:" + ApiKeys.sha256Hex("officer-key"),
            "auditor:a1:" + ApiKeys.sha256Hex("auditor-key"),
            "expert:e1:" + ApiKeys.sha256Hex("expert-key"))));
    private final Browser browser = page.browser();
    private final RunningService keyed = page.server();

    private List<String> menu() {
        return browser.all("nav .views a").stream().map(WebElement::getText).toList();
    }

    private void useKey(String key) {
        WebElement field = browser.byLabel("API key");
        field.clear();
        field.sendKeys(key);
        browser.button("Use key").click();
    }

    @Test
    void eachRoleSeesOnlyItsViewsAndTheKeyIsRememberedForTheTab() {
        browser.go(keyed.url("/"));
        browser.text("Enter an API key to start.");
        assertThat(menu()).isEmpty();

        useKey("not-a-key");
        browser.text("That key was not accepted");
        assertThat(menu()).isEmpty();

        useKey("officer-key");
        browser.text("Signed in with key o1 (role officer).");
        browser.awaitTrue(() -> menu().equals(List.of("Advice", "Compare")), "the officer's menu");
        browser.text("Country profile");
        assertThat(browser.driver().findElement(By.id("api-key")).getDomProperty("value")).isEmpty();

        // Remembered for the tab: a reload keeps the role without asking again.
        browser.driver().navigate().refresh();
        browser.text("Signed in with key o1 (role officer).");
        assertThat(menu()).containsExactly("Advice", "Compare");

        useKey("auditor-key");
        browser.text("Signed in with key a1 (role auditor).");
        browser.awaitTrue(() -> menu().equals(List.of("Audit", "Compare", "Rule sets")), "the auditor's menu");

        useKey("expert-key");
        browser.text("Signed in with key e1 (role expert).");
        browser.awaitTrue(() -> menu().equals(List.of("Rule sets")), "the expert's menu");
        browser.screenshot("keys-expert");

        browser.button("Forget key").click();
        browser.text("Enter an API key to start.");
        assertThat(menu()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.unlabelledControls()).isEmpty();
    }

    @Test
    void inLocalModeTheKeyFieldIsHiddenAndEveryViewIsOffered(@TempDir Path localDir) {
        try (RunningService local = new RunningService(localDir, Map.of())) {
            browser.go(local.url("/"));
            browser.text("Local single-user mode");
            assertThat(browser.driver().findElement(By.id("key-form")).isDisplayed()).isFalse();
            browser.awaitTrue(() -> menu().equals(List.of("Advice", "Audit", "Compare", "Rule sets")), "every view");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
