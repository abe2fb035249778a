package io.dialright.platform.phone;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what may be a phone number inside free text (a comment "old one: +7 916 123-45-67", a label, a campaign name,
 * a message that could not be read), for the places that show numbers masked (C-8) or keep no number in clear (C-7):
 * a run of at least seven digits, with the separators people type or paste between them (spaces of any kind, dashes
 * of any kind, brackets, dots, slashes), keeps only its last two. Seven is the shortest subscriber number in common
 * use; shorter runs (a flat, a time, an amount) stay readable. A UUID stays whole: it is an id, and its digits only
 * look like a run across its hyphens. A date written with digits only has seven or more and is masked too.
 */
public final class NumbersInText {

    private static final int SHORTEST_NUMBER = 7;
    private static final String SEPARATORS = "[\\s\\p{Z}\\p{Pd}()./]*";
    /** A UUID (group 1), kept; else a run of digits (group 2), masked. */
    private static final Pattern UUID_OR_DIGIT_RUN = Pattern.compile(
            "(\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12})"
                    + "|(\\d(?:" + SEPARATORS + "\\d){" + (SHORTEST_NUMBER - 1) + ",})");

    private NumbersInText() {
    }

    public static String masked(String text) {
        if (text == null || digits(text) < SHORTEST_NUMBER) {
            return text;
        }
        Matcher match = UUID_OR_DIGIT_RUN.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (match.find()) {
            String kept = match.group(1) != null ? match.group(1) : maskAllButLastTwo(match.group(2));
            match.appendReplacement(masked, Matcher.quoteReplacement(kept));
        }
        match.appendTail(masked);
        return masked.toString();
    }

    /** Every digit but the last two becomes {@code *}: {@code +79161234567} → {@code +*********67}. */
    public static String maskAllButLastTwo(String text) {
        int total = digits(text);
        StringBuilder masked = new StringBuilder(text.length());
        int seen = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            masked.append(Character.isDigit(c) && ++seen <= total - 2 ? '*' : c);
        }
        return masked.toString();
    }

    private static int digits(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits++;
            }
        }
        return digits;
    }
}
