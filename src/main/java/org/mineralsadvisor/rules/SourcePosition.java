package org.mineralsadvisor.rules;

/**
 * Finds text of a rule's annotation in its DRL source, for problems that Drools does not
 * locate (it keeps a rule's metadata values, not where they were written).
 */
final class SourcePosition {
    /** A 1-based line and column. */
    record At(int line, int column) {
    }

    private final String source;
    private final int annotationOffset;
    private final At annotation;

    /** Looks for {@code annotation} (e.g. {@code @explain}) from the start of line {@code ruleLine} on. */
    SourcePosition(String source, int ruleLine, String annotation) {
        this.source = source;
        int offset = -1;
        if (source != null && ruleLine > 0) {
            int ruleStart = offsetOfLine(source, ruleLine);
            offset = ruleStart < 0 ? -1 : source.indexOf(annotation, ruleStart);
        }
        this.annotationOffset = offset;
        this.annotation = offset < 0 ? new At(ruleLine, 1) : at(source, offset);
    }

    /** Where {@code text} is written inside the annotation; the annotation itself when not found. */
    At of(String text) {
        if (annotationOffset < 0) {
            return annotation;
        }
        int offset = source.indexOf(text, annotationOffset);
        return offset < 0 ? annotation : at(source, offset);
    }

    /**
     * Where the {@code index}-th character of the annotation's string value is written (an
     * escape such as {@code \"} is one character); the annotation itself when not found. For
     * text that may also occur earlier in the value, where {@link #of} would find the first.
     */
    At ofCharacter(int index) {
        if (annotationOffset < 0) {
            return annotation;
        }
        int offset = source.indexOf('"', annotationOffset);
        if (offset < 0) {
            return annotation;
        }
        offset++;
        for (int i = 0; i < index && offset < source.length(); i++) {
            offset += source.charAt(offset) == '\\' ? 2 : 1;
        }
        return offset < source.length() ? at(source, offset) : annotation;
    }

    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int i = 1; i < line; i++) {
            offset = text.indexOf('\n', offset);
            if (offset < 0) {
                return -1;
            }
            offset++;
        }
        return offset;
    }

    private static At at(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new At(line, text.codePointCount(lineStart, offset) + 1);
    }
}
