package org.uclr.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildProcessTest {

    @Test
    void aChildStillRunningAtCloseIsKilledWithItsDescendants() throws Exception {
        ProcessHandle grandchild;
        Process shell;
        try (ChildProcess child = ChildProcess.start(new ProcessBuilder("sh", "-c", "sleep 60 & wait"))) {
            shell = child.process();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            List<ProcessHandle> below;
            while ((below = shell.descendants().toList()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, below.size(), "the shell's sleep should be running");
            grandchild = below.get(0);
        }
        assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the child must be gone after close");
        assertTrue(grandchild.onExit().get(10, TimeUnit.SECONDS) != null);
        assertFalse(grandchild.isAlive(), "its descendant must be gone too");
    }

    @Test
    void aFinishedChildLeavesNoShutdownHookBehind() throws Exception {
        Thread hook;
        try (ChildProcess child = ChildProcess.start(new ProcessBuilder("true"))) {
            assertEquals(0, child.process().waitFor());
            hook = child.shutdownHook();
        }
        // removeShutdownHook answers false for a hook that is no longer registered
        assertFalse(Runtime.getRuntime().removeShutdownHook(hook));
    }

    @Test
    void theHookIsRegisteredWhileTheChildRuns() throws Exception {
        try (ChildProcess child = ChildProcess.start(new ProcessBuilder("sleep", "60"))) {
            Thread hook = child.shutdownHook();
            assertTrue(Runtime.getRuntime().removeShutdownHook(hook), "registered until close");
            Runtime.getRuntime().addShutdownHook(hook); // put back for close() to remove
        }
    }
}
