package io.dialright.contact.imports;

/** The file as a whole cannot be imported (no header, no name or phone column); the job fails with this message. */
public class InvalidImportFileException extends RuntimeException {

    public InvalidImportFileException(String message) {
        super(message);
    }
}
