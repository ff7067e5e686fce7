package org.mineralsadvisor.model;

import java.util.Comparator;

/** The handbook's "ordering by id": ordinal order of Unicode code points (not of UTF-16 units). */
public final class Ids {
    public static final Comparator<String> ORDER = Ids::compare;

    private Ids() {
    }

    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
