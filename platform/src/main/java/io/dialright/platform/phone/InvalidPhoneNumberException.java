package io.dialright.platform.phone;

/**
 * The input is not a valid phone number. The message is written for the person who typed it: what is wrong and
 * the expected format with an example of the region (it never repeats the input, which may be a real number).
 */
public class InvalidPhoneNumberException extends RuntimeException {

    public InvalidPhoneNumberException(String message) {
        super(message);
    }
}
