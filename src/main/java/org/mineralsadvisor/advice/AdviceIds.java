package org.mineralsadvisor.advice;

import java.security.SecureRandom;
import java.time.Instant;

/** Advice ids: {@code adv_} + a ULID (time-ordered, 26 Crockford base-32 characters). */
public final class AdviceIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdviceIds() {
    }

    public static String next(Instant at) {
        return next("adv_", at);
    }

    /** A ULID with another prefix (e.g. {@code act_} for a rule-set activation). */
    public static String next(String prefix, Instant at) {
        char[] out = new char[26];
        long time = at.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (random[i] & 0xff);
            lo = (lo << 8) | (random[i + 5] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return prefix + new String(out);
    }
}
