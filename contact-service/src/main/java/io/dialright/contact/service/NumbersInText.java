package io.dialright.contact.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what may be a phone number inside free text (a number's comment "old one: +7 916 123-45-67", a label, a
 * campaign name), for the views that show numbers masked (C-8): a run of at least seven digits, with the separators
 * people type between them, keeps only its last two. Seven is the shortest subscriber number in common use; shorter
 * runs (a flat, a time, an amount) stay readable. A date written with digits only also has seven or more and is
 * masked too: for these views a hidden date costs less than a shown number.
 */
public final class NumbersInText {

    private static final int SHORTEST_NUMBER = 7;
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d(?:[\\s().\\-/]*\\d){" + (SHORTEST_NUMBER - 1) + ",}");

    private NumbersInText() {
    }

    public static String masked(String text) {
        if (text == null || digits(text) < SHORTEST_NUMBER) {
            return text;
        }
        Matcher run = DIGIT_RUN.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (run.find()) {
            run.appendReplacement(masked, Matcher.quoteReplacement(maskAllButLastTwo(run.group())));
        }
        run.appendTail(masked);
        return masked.toString();
    }

    private static String maskAllButLastTwo(String run) {
        int total = digits(run);
        StringBuilder masked = new StringBuilder(run.length());
        int seen = 0;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
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
