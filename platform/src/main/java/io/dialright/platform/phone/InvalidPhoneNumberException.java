package io.dialright.platform.phone;

/**
 * The input is not a valid phone number. The message is written for the person who typed it: what is wrong and
 * the expected format with an example of the region (it never repeats the input, which may be a real number).
 */
public class InvalidPhoneNumberException extends RuntimeException {

    /**
     * Without a stack trace: the exception is an answer for the person, caught and turned into a 400 or a rejected
     * import row, never a fault to trace; filling in a trace through the import's stack costs every rejected row.
     */
    public InvalidPhoneNumberException(String message) {
        super(message, null, false, false);
    }
}
