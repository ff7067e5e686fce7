package org.mineralsadvisor.profile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a body that is not JSON, in words a client can act on, with its line and
 * column: Jackson's own messages name its internals ("(code 120)", "[Source: REDACTED …]",
 * "StreamReadConstraints") and leak nothing a caller needs.
 */
public final class JsonSyntax {
    private record Rewrite(Pattern pattern, String plain) {
    }

    private static final List<Rewrite> REWRITES = List.of(
            new Rewrite(Pattern.compile("^Unrecognized token '(.*?)'.*", Pattern.DOTALL),
                    "unexpected text '$1' where a value was expected (a string in double quotes, a number, an array,"
                            + " an object, true, false or null)"),
            new Rewrite(Pattern.compile("^Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting double-quote"
                    + " to start field name.*", Pattern.DOTALL), "unexpected '$1' where a field name in double quotes was expected"),
            new Rewrite(Pattern.compile("^Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting comma to"
                    + " separate (Object|Array) entries.*", Pattern.DOTALL), "unexpected '$1' where a comma or a closing bracket was expected"),
            new Rewrite(Pattern.compile("^Unexpected character \\('(.+?)' \\(code \\d+\\)\\): was expecting a colon.*",
                    Pattern.DOTALL), "unexpected '$1' where a colon after the field name was expected"),
            new Rewrite(Pattern.compile("^Unexpected character \\('(.+?)' \\(code \\d+\\)\\).*", Pattern.DOTALL),
                    "unexpected '$1'"),
            new Rewrite(Pattern.compile("^Unexpected close marker '(.)'.*", Pattern.DOTALL), "unexpected '$1'"),
            new Rewrite(Pattern.compile("^Unexpected end-of-input.*", Pattern.DOTALL),
                    "the body ends before the JSON value is complete"),
            new Rewrite(Pattern.compile("^Duplicate field '(.*?)'.*", Pattern.DOTALL), "field '$1' is given twice"),
            new Rewrite(Pattern.compile("^Trailing token.*", Pattern.DOTALL), "more text after the JSON value"),
            new Rewrite(Pattern.compile("^Illegal unquoted character.*", Pattern.DOTALL),
                    "a control character (such as a line break or tab) inside a string must be escaped"),
            new Rewrite(Pattern.compile("^Document nesting depth \\(\\d+\\) exceeds the maximum allowed \\((\\d+).*",
                    Pattern.DOTALL), "arrays and objects are nested more than $1 levels deep"),
            new Rewrite(Pattern.compile("^Number value length \\(\\d+\\) exceeds the maximum allowed \\((\\d+).*",
                    Pattern.DOTALL), "a number is written with more than $1 characters"),
            new Rewrite(Pattern.compile("^String value length \\(\\d+\\) exceeds the maximum allowed \\((\\d+).*",
                    Pattern.DOTALL), "a string is longer than $1 characters"),
            new Rewrite(Pattern.compile("^Invalid UTF-8.*", Pattern.DOTALL), "the body is not UTF-8 text"),
            new Rewrite(Pattern.compile("^Invalid numeric value: (.*?)\\.?$", Pattern.DOTALL), "invalid number: $1"));

    private JsonSyntax() {
    }

    /**
     * "not valid JSON at line 1, column 7: unexpected text 'x' where …". {@code where} is the
     * parser's position when the exception has none (a nesting limit is reported without one).
     */
    public static String describe(JsonProcessingException e, JsonLocation where) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : where;
        String location = at == null || at.getLineNr() < 1 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "not valid JSON" + location + ": " + plain(e);
    }

    static String plain(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
        for (Rewrite rewrite : REWRITES) {
            Matcher m = rewrite.pattern().matcher(message);
            if (m.matches()) {
                return m.replaceFirst(rewrite.plain());
            }
        }
        return e instanceof StreamConstraintsException ? "the body exceeds a parser limit" : "malformed JSON";
    }
}
