package org.mineralsadvisor.facts;

/**
 * One problem found while loading the fact base, located by file, line and column (both
 * 1-based; column 0 when the problem concerns a whole row or file).
 */
public record FactProblem(String file, int line, int column, String columnName, String code, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + code + ": " + message;
    }
}
