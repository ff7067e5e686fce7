package org.mineralsadvisor.scenario;

import org.mineralsadvisor.scenario.ScenarioReport.Outcome;
import org.mineralsadvisor.scenario.ScenarioResult.Mismatch;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A scenario report in the JUnit XML form CI servers read (the surefire / Jenkins schema):
 * one {@code testsuite} per scenario file, one {@code testcase} per scenario, a {@code failure}
 * whose message is expected against actual and whose text is every mismatch in words.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static String write(ScenarioReport report) {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Map<String, List<Outcome>> byFile = report.scenarios().stream()
                .collect(Collectors.groupingBy(Outcome::file, LinkedHashMap::new, Collectors.toList()));
        Element suites = doc.createElement("testsuites");
        suites.setAttribute("name", "rule scenarios");
        suites.setAttribute("tests", String.valueOf(report.scenarios().size()));
        suites.setAttribute("failures", String.valueOf(report.failed()));
        suites.setAttribute("errors", "0");
        suites.setAttribute("time", seconds(report.scenarios().stream().mapToDouble(Outcome::seconds).sum()));
        doc.appendChild(suites);
        for (Map.Entry<String, List<Outcome>> file : byFile.entrySet()) {
            List<Outcome> cases = file.getValue();
            Element suite = doc.createElement("testsuite");
            suite.setAttribute("name", file.getKey());
            suite.setAttribute("tests", String.valueOf(cases.size()));
            suite.setAttribute("failures", String.valueOf(cases.stream().filter(c -> !c.passed()).count()));
            suite.setAttribute("errors", "0");
            suite.setAttribute("skipped", "0");
            suite.setAttribute("time", seconds(cases.stream().mapToDouble(Outcome::seconds).sum()));
            for (Outcome outcome : cases) {
                suite.appendChild(testcase(doc, outcome));
            }
            suites.appendChild(suite);
        }
        return serialise(doc);
    }

    private static Element testcase(Document doc, Outcome outcome) {
        Element testcase = doc.createElement("testcase");
        // CI servers group by class name: the scenario file, as a dotted name without its extension.
        testcase.setAttribute("classname", outcome.file().replaceAll("\\.ya?ml$", "").replace('/', '.'));
        testcase.setAttribute("name", "line " + outcome.line() + ": " + outcome.name());
        testcase.setAttribute("time", seconds(outcome.seconds()));
        if (!outcome.passed()) {
            Element failure = doc.createElement("failure");
            failure.setAttribute("type", "ScenarioMismatch");
            failure.setAttribute("message", outcome.failures().stream().map(JUnitXml::brief)
                    .collect(Collectors.joining("; ")));
            failure.setTextContent(outcome.file() + ":" + outcome.line() + ": " + outcome.name() + "\n"
                    + outcome.failures().stream().map(Mismatch::message).collect(Collectors.joining("\n")));
            testcase.appendChild(failure);
        }
        return testcase;
    }

    /** {@code expected X, actual Y}, or the problem with the case as written. */
    private static String brief(Mismatch mismatch) {
        if (mismatch.expected() == null) {
            return mismatch.message();
        }
        return "expected " + mismatch.expected() + ", actual " + mismatch.actual().replaceAll("\\s*\n\\s*", "; ");
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String serialise(Document doc) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
