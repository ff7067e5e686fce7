package org.mineralsadvisor.service;

import org.mineralsadvisor.advice.Advice;

/** An advice that was recorded: the document, the exact JSON (UTF-8) stored, and its place in the audit chain. */
public record GivenAdvice(Advice advice, byte[] json, long seq) {
}
