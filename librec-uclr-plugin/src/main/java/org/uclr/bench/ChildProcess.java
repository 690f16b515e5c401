package org.uclr.bench;

import java.io.IOException;

/**
 * A process the benchmark starts (a model's job, LibRec's BPR round, the PyTorch peer) that does not outlive it:
 * closing it kills the process and its descendants if they still run (the waiting thread was interrupted, or
 * reading the output failed), and until then a shutdown hook does the same if this JVM is killed (SIGTERM,
 * Ctrl-C), so an orphaned job never goes on loading the machine the next benchmark run measures on.
 */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final Thread hook;

    private ChildProcess(Process process) {
        this.process = process;
        this.hook = new Thread(this::kill, "bench-stop-child-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code builder}'s command.
     *
     * @throws IOException if it cannot be started (as {@link ProcessBuilder#start()})
     */
    static ChildProcess start(ProcessBuilder builder) throws IOException {
        return new ChildProcess(builder.start());
    }

    Process process() {
        return process;
    }

    Thread shutdownHook() {
        return hook;
    }

    private void kill() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Kills the process tree if it still runs and drops the shutdown hook. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs (or ran) kill() anyway
        }
    }
}
