package org.uclr.testing;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The messages one logger writes at INFO and above while a test runs, whatever the test logging configuration
 * lets through (conf/log4j2-test.xml shows warnings only). LibRec logs through Commons Logging, which routes to
 * Log4j 2 here, so LibRec's own lines ("Evaluator info:...") are captured too.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final AbstractAppender appender;
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

    public LogCapture(String loggerName) {
        logger = (Logger) LogManager.getLogger(loggerName);
        previous = logger.getLevel();
        appender = new AbstractAppender("capture-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        logger.setLevel(previous);
        appender.stop();
    }
}
