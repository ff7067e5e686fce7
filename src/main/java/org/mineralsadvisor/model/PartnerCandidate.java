package org.mineralsadvisor.model;

/** DIV-PARTNERS: an aligned, uncontrolled producer that could replace some of a concentrated supply. */
public record PartnerCandidate(String mineral, String country, double share) {
}
