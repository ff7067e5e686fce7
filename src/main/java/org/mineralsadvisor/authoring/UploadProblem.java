package org.mineralsadvisor.authoring;

/** One problem with an upload's request body, at the JSON Pointer of the value at fault. */
public record UploadProblem(String pointer, String code, String message) {
}
