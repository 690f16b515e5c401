package org.uclr.config;

import java.math.BigDecimal;
import java.util.List;

/**
 * Every configuration key as a Markdown table (key, default, valid values, description), generated
 * from the {@link KeySet}s so documentation cannot drift from the code: {@code librec keys} prints
 * it, README.md carries it, and a test compares the two.
 */
public final class KeyTable {
    public static final String HEADER = "| key | default | valid values | description |\n|---|---|---|---|\n";

    private KeyTable() {
    }

    public static String markdown(KeyCatalog catalog) {
        StringBuilder sb = new StringBuilder(HEADER);
        for (ConfigKey<?> k : catalog.keys()) {
            sb.append(row(k)).append('\n');
        }
        return sb.toString();
    }

    /**
     * Every {@link KeyConstraint} as a Markdown list, one rule per line, warnings marked: what
     * {@code librec keys} prints after the table and README.md carries below it.
     */
    public static String constraints(KeyCatalog catalog) {
        StringBuilder sb = new StringBuilder();
        for (KeyConstraint c : catalog.constraints()) {
            sb.append(constraintLine(c)).append('\n');
        }
        return sb.toString();
    }

    /** One rule as a list item. */
    public static String constraintLine(KeyConstraint c) {
        return "- " + c.rule().replace(".*.", ".<name>.") + (c.isWarning() ? " (warning)" : "");
    }

    /** One table row; a pattern key's {@code *} is shown as {@code <name>}. */
    public static String row(ConfigKey<?> k) {
        return "| `" + k.name().replace("*", "<name>") + "` | " + cell(renderDefault(k.defaultValue())) + " | "
                + cell(k.expected()) + " | " + cell(k.description()) + " |";
    }

    static String renderDefault(Object value) {
        if (value == null) {
            return "(required)";
        }
        if (value instanceof String s && s.isEmpty()) {
            return "(empty)";
        }
        if (value instanceof Enum<?> e) {
            return "`" + ConfigKey.enumLabel(e) + "`";
        }
        if (value instanceof Double d) {
            return "`" + BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() + "`";
        }
        if (value instanceof List<?> l) {
            return "`" + String.join(",", l.stream().map(String::valueOf).toList()) + "`";
        }
        return "`" + value + "`";
    }

    private static String cell(String text) {
        // '<TAB>' would be read as an HTML tag and vanish
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
    }
}
