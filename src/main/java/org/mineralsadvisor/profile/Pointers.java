package org.mineralsadvisor.profile;

import java.util.ArrayList;
import java.util.List;

/** JSON Pointers (RFC 6901) as problems carry them, and how a message names the value at one. */
final class Pointers {
    private Pointers() {
    }

    /** The pointer of member {@code name} of the object at {@code parent}; '~' and '/' are escaped. */
    static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** The unescaped reference tokens: "/a~1b/0" is [a/b, 0]. */
    static List<String> tokens(String pointer) {
        List<String> tokens = new ArrayList<>();
        if (pointer.isEmpty()) {
            return tokens;
        }
        for (String token : pointer.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /** An array index token as a number; -1 when it is not one. */
    static int index(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How a message names the value: "annualDemandTonnes", "entry 2 of minerals", "the profile". */
    static String describe(String pointer) {
        List<String> tokens = tokens(pointer);
        if (tokens.isEmpty()) {
            return "the profile";
        }
        String last = tokens.get(tokens.size() - 1);
        if (index(last) >= 0 && tokens.size() > 1) {
            return "entry " + last + " of " + tokens.get(tokens.size() - 2);
        }
        return last;
    }
}
