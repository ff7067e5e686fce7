package org.mineralsadvisor.facts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV file of the fact base read as text cells, each row with the line it starts on, so
 * that every problem can be reported as file:line:column.
 */
final class CsvTable {
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .build();

    record Row(int line, List<String> cells) {
    }

    final String file;
    final List<String> header;
    final List<Row> rows;
    private final Map<String, Integer> columns = new HashMap<>();

    private CsvTable(String file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim(), i);
        }
    }

    /** Reads one file's bytes; on a syntax or encoding error adds a problem and returns null. */
    static CsvTable read(String file, byte[] bytes, List<FactProblem> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new FactProblem(file, 0, 0, null, "encoding", "not valid UTF-8"));
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // spreadsheets often write a byte-order mark
        }
        List<Row> rows = new ArrayList<>();
        try (Reader reader = new java.io.StringReader(text);
             JsonParser parser = MAPPER.readerFor(String[].class).with(CsvSchema.emptySchema()).createParser(reader)) {
            JsonToken token;
            int line = 0;
            List<String> cells = null;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    cells = new ArrayList<>();
                } else if (token == JsonToken.VALUE_STRING && cells != null) {
                    if (cells.isEmpty()) {
                        // The row's own line: where its first cell starts (a START_ARRAY token
                        // reports where the previous row ended).
                        line = parser.currentTokenLocation().getLineNr();
                    }
                    cells.add(parser.getText());
                } else if (token == JsonToken.END_ARRAY && cells != null) {
                    rows.add(new Row(line, cells));
                    cells = null;
                }
            }
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? jpe.getLocation().getLineNr() : 0;
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    ? jpe.getOriginalMessage() : e.getMessage();
            problems.add(new FactProblem(file, line, 0, null, "malformed_csv", message));
            return null;
        }
        if (rows.isEmpty()) {
            problems.add(new FactProblem(file, 1, 0, null, "missing_header", "the file has no header row"));
            return null;
        }
        Row header = rows.remove(0);
        return new CsvTable(file, header.cells().stream().map(String::trim).toList(), rows);
    }

    /** 1-based column number of {@code name}, or 0 when the header lacks it. */
    int column(String name) {
        Integer index = columns.get(name);
        return index == null ? 0 : index + 1;
    }

    boolean has(String name) {
        return columns.containsKey(name);
    }

    /** The trimmed cell, or "" where the row is short. */
    String cell(Row row, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= row.cells().size()) {
            return "";
        }
        return row.cells().get(index).trim();
    }
}
