package org.mineralsadvisor.auth;

import io.javalin.security.RouteRole;

import java.util.Locale;

/** Who may do what: officers advise, auditors audit, experts own rule sets, admins do all. */
public enum Role implements RouteRole {
    OFFICER, AUDITOR, EXPERT, ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
