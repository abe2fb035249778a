package io.dialright.platform.phone;

/**
 * The input is not a valid phone number. The message is written for the person who typed it: what is wrong and
 * the expected format with an example of the region (it never repeats the input, which may be a real number).
 */
public class InvalidPhoneNumberException extends RuntimeException {

    private final String expectedFormat;

    public InvalidPhoneNumberException(String message, String expectedFormat) {
        super(message);
        this.expectedFormat = expectedFormat;
    }

    /** The region's example, e.g. {@code +7 912 345-67-89}. */
    public String expectedFormat() {
        return expectedFormat;
    }
}
