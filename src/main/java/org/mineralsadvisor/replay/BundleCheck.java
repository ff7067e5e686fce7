package org.mineralsadvisor.replay;

/** One check of a bundle's verification: what was checked, whether it held, and why not. */
public record BundleCheck(String name, boolean passed, String detail) {
}
