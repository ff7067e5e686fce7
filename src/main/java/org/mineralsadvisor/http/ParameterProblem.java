package org.mineralsadvisor.http;

/** A query-parameter problem, named by the parameter. */
record ParameterProblem(String parameter, String code, String message) {
}
