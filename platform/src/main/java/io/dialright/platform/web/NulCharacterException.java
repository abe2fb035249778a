package io.dialright.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string holds the NUL character (U+0000). Thrown while the body is read, so Jackson adds the path of the
 * field; answered as a 400 naming that field.
 */
public class NulCharacterException extends MismatchedInputException {

    public NulCharacterException(JsonParser parser) {
        super(parser, "A string holds the NUL character (U+0000)", String.class);
    }
}
