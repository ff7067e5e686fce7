package org.mineralsadvisor.warnings;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What the reader should know about the facts behind the advice (handbook section 8,
 * ADV-WARNINGS). It never changes a recommendation; {@code evidence} names the fact rows concerned
 * by the ids the trace uses.
 */
@JsonPropertyOrder({"code", "subject", "message", "evidence"})
public record Warning(WarningCode code, String subject, String message, List<String> evidence) {
}
