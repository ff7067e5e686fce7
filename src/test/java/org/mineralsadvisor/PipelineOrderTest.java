package org.mineralsadvisor;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline reads one way: a package imports only packages that come before it, so that
 * e.g. the rules compiler cannot reach into the trace or the model into the evaluation.
 */
class PipelineOrderTest {
    private static final String ROOT = "org.mineralsadvisor";

    /** Each package may depend only on those before it in this list. */
    static final List<String> ORDER = List.of(
            "provenance", "config", "facts", "model", "profile", "rules", "evaluation", "trace", "warnings",
            "counterfactual", "advice", "timeline", "audit", "transparency", "auth", "shock", "replay", "service", "scenario",
            "impact", "authoring", "http", "app", "cli");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void every_package_has_its_place_in_the_pipeline() {
        Set<String> packages = new TreeSet<>();
        for (JavaClass type : main) {
            String name = type.getPackageName();
            if (name.startsWith(ROOT + ".")) {
                packages.add(name.substring(ROOT.length() + 1).split("\\.")[0]);
            }
        }
        assertThat(packages).isNotEmpty();
        assertThat(ORDER).as("packages listed in PipelineOrderTest.ORDER").containsAll(packages);
    }

    @Test
    void no_package_imports_a_later_stage_of_the_pipeline() {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < ORDER.size() - 1; i++) {
            String[] later = ORDER.subList(i + 1, ORDER.size()).stream().map(p -> ROOT + "." + p + "..")
                    .toArray(String[]::new);
            EvaluationResult result = noClasses().that().resideInAPackage(ROOT + "." + ORDER.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(later)
                    .allowEmptyShould(true)
                    .evaluate(main);
            violations.addAll(result.getFailureReport().getDetails());
        }
        assertThat(violations).as("imports against the pipeline order " + ORDER).isEmpty();
    }
}
