package org.uclr.leaderboard.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark build's classpath has one version of what Spark, LibRec and DJL share: Jackson's core and
 * databind agree (jackson-module-scala refuses to start otherwise), Spark's Log4j bridges are our
 * log4j-core's version, and org.apache.commons.logging comes from LibRec's commons-logging only.
 */
class SparkClasspathTest {

    private static String constant(String className) throws ReflectiveOperationException {
        return String.valueOf(Class.forName(className).getField("VERSION").get(null));
    }

    private static String implementationVersion(String className) throws ClassNotFoundException {
        String v = Class.forName(className).getPackage().getImplementationVersion();
        assertNotNull(v, className + " has no Implementation-Version");
        return v;
    }

    @Test
    void jacksonCoreIsTheVersionOfJacksonDatabind() throws ReflectiveOperationException {
        assertEquals(constant("com.fasterxml.jackson.databind.cfg.PackageVersion"),
                constant("com.fasterxml.jackson.core.json.PackageVersion"));
    }

    @Test
    void sparksLog4jBridgesAreTheVersionOfLog4jCore() throws ClassNotFoundException {
        String core = implementationVersion("org.apache.logging.log4j.core.LoggerContext");
        assertEquals(core, implementationVersion("org.apache.log4j.Logger"));
        assertEquals(core, implementationVersion("org.apache.logging.log4j.layout.template.json.JsonTemplateLayout"));
    }

    @Test
    void commonsLoggingIsLibRecsOnly() throws ClassNotFoundException {
        String jar = Class.forName("org.apache.commons.logging.LogFactory").getProtectionDomain().getCodeSource()
                .getLocation().toString();
        assertTrue(jar.contains("commons-logging-1.3"), jar);
        assertTrue(!System.getProperty("java.class.path").contains("jcl-over-slf4j"), "jcl-over-slf4j on the classpath");
    }
}
