package io.dialright.consent.service;

/** Check digits of a Russian taxpayer number (INN), as the tax service defines them. */
final class Inn {

    private static final int[] TEN = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] ELEVENTH = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] TWELFTH = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    private Inn() {
    }

    static boolean valid(String inn) {
        if (inn == null || !inn.matches("\\d{10}|\\d{12}")) {
            return false;
        }
        if (inn.length() == 10) {
            return check(inn, TEN) == digit(inn, 9);
        }
        return check(inn, ELEVENTH) == digit(inn, 10) && check(inn, TWELFTH) == digit(inn, 11);
    }

    private static int check(String inn, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * digit(inn, i);
        }
        return sum % 11 % 10;
    }

    private static int digit(String inn, int index) {
        return inn.charAt(index) - '0';
    }
}
