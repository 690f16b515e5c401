package org.uclr.config;

import org.uclr.UclrException;

/** A configuration key is unknown, malformed or out of range. */
public class ConfigException extends UclrException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
