package org.uclr.config;

/** Where a configuration value came from: a file and line, or the command line. */
public record KeyOrigin(String source, int line) {

    public static KeyOrigin commandLine() {
        return new KeyOrigin("-D", 0);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
