package org.uclr;

/**
 * A failure the user can act on: the message is one line that says what was wrong, where
 * (file:line or configuration key) and, when known, what would be right. The CLI prints it as is.
 */
public class UclrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UclrException(String message) {
        super(message);
    }

    public UclrException(String message, Throwable cause) {
        super(message, cause);
    }
}
