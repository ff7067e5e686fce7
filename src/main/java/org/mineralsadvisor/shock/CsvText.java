package org.mineralsadvisor.shock;

import java.util.ArrayList;
import java.util.List;

/**
 * A fact-base CSV file as its records' own text, so that a shock scenario can add, drop or
 * rewrite rows while every other byte of the file (comments, blank lines, quoting, line
 * endings, a byte-order mark) stays exactly as written. Reads what the loader reads: RFC 4180
 * with {@code #} comment lines and blank lines skipped.
 */
final class CsvText {
    /**
     * One record as written: {@code text} without its line ending, {@code ending} the line
     * ending ("" on a last line without one). {@code cells} are the raw cell texts (quotes
     * included) of a data record, null for a comment or blank line.
     */
    static final class Record {
        String text;
        String ending;
        final List<String> cells;

        Record(String text, String ending, List<String> cells) {
            this.text = text;
            this.ending = ending;
            this.cells = cells;
        }

        boolean isData() {
            return cells != null;
        }
    }

    final String prefix;
    final List<Record> records;
    final String newline;

    private CsvText(String prefix, List<Record> records, String newline) {
        this.prefix = prefix;
        this.records = records;
        this.newline = newline;
    }

    static CsvText parse(String content) {
        String prefix = content.startsWith("\uFEFF") ? "\uFEFF" : "";
        String text = content.substring(prefix.length());
        List<Record> records = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            boolean quoted = false;
            List<Integer> commas = new ArrayList<>();
            int end = -1;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted; // a doubled quote toggles twice
                } else if (!quoted && c == ',') {
                    commas.add(i);
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    end = i;
                    break;
                }
                i++;
            }
            if (end < 0) {
                end = text.length();
            }
            String ending = "";
            if (end < text.length()) {
                ending = text.startsWith("\r\n", end) ? "\r\n" : text.substring(end, end + 1);
            }
            i = end + ending.length();
            String line = text.substring(start, end);
            boolean skipped = line.isBlank() || line.startsWith("#");
            List<String> cells = null;
            if (!skipped) {
                cells = new ArrayList<>();
                int from = 0;
                for (int comma : commas) {
                    cells.add(line.substring(from, comma - start));
                    from = comma - start + 1;
                }
                cells.add(line.substring(from));
            }
            records.add(new Record(line, ending, cells));
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        return new CsvText(prefix, records, newline);
    }

    /** The header record, or null when the file has no data record. */
    Record header() {
        return records.stream().filter(Record::isData).findFirst().orElse(null);
    }

    List<Record> rows() {
        List<Record> rows = new ArrayList<>();
        Record header = header();
        for (Record r : records) {
            if (r.isData() && r != header) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** A cell's value: unquoted, doubled quotes undone, trimmed as the loader trims it. */
    static String value(String raw) {
        String trimmed = raw.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("\"\"", "\"").trim();
        }
        return trimmed;
    }

    /** A value written as a cell: quoted when it holds a comma, quote, line break or edge space. */
    static String cell(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                || !value.equals(value.strip()) || value.startsWith("#");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** Rewrites a data record's text from its cells. */
    static void rewrite(Record record) {
        record.text = String.join(",", record.cells);
    }

    /** Appends a record at the end, first ending the last line when it has no line ending. */
    void append(List<String> cells) {
        if (!records.isEmpty()) {
            Record last = records.get(records.size() - 1);
            if (last.ending.isEmpty()) {
                last.ending = newline;
            }
        }
        Record added = new Record(String.join(",", cells), newline, new ArrayList<>(cells));
        records.add(added);
    }

    /** The 1-based line each record starts on in {@link #toString()}. */
    int lineOf(Record record) {
        int line = 1;
        for (Record r : records) {
            if (r == record) {
                return line;
            }
            line += (int) (r.text.chars().filter(c -> c == '\n').count()
                    + r.text.chars().filter(c -> c == '\r').count()
                    - countCrLf(r.text)) + (r.ending.isEmpty() ? 0 : 1);
        }
        return line;
    }

    private static int countCrLf(String text) {
        int n = 0;
        for (int i = text.indexOf("\r\n"); i >= 0; i = text.indexOf("\r\n", i + 2)) {
            n++;
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(prefix);
        for (Record r : records) {
            out.append(r.text).append(r.ending);
        }
        return out.toString();
    }
}
