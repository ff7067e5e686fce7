package org.mineralsadvisor.auth;

/**
 * An authenticated caller: the role its key grants and the key's id (never the key). In
 * local single-user mode the caller is {@link #LOCAL}: every role, key id "local".
 */
public record Caller(Role role, String keyId, boolean local) {
    public static final Caller LOCAL = new Caller(Role.ADMIN, "local", true);

    public boolean may(java.util.Set<? extends io.javalin.security.RouteRole> allowed) {
        return local || role == Role.ADMIN || allowed.contains(role);
    }
}
