package org.uclr.util;

import org.uclr.UclrException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before a job loads data or trains, that a directory its outputs go to can be created and
 * written: it creates the directory (and missing parents), writes and deletes a probe file in it, and
 * removes again the directories it created, so a job that fails later leaves nothing behind. Without
 * it, an unwritable {@code rec.output.dir} was found only when results.json was written, after the
 * whole training. The error carries the operating system's reason ("Permission denied", "Read-only
 * file system", ...).
 */
public final class WritableDirectory {
    private WritableDirectory() {
    }

    /**
     * @param dir  the directory
     * @param what how the message names it, e.g. "output directory /proc/x"
     * @param fix  what the user can do, e.g. "set rec.output.dir"
     * @throws UclrException {@code <what>: <problem with the OS's reason> (<fix>)}
     */
    public static void check(Path dir, String what, String fix) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path existing = absolute;
        List<Path> missing = new ArrayList<>();
        while (existing != null && !Files.exists(existing)) {
            missing.add(existing);
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new UclrException(what + ": " + existing + (Files.isRegularFile(existing) ? " is a file, not a directory"
                    : " is not a directory") + " (" + fix + ")");
        }
        List<Path> created = new ArrayList<>();
        try {
            for (int i = missing.size() - 1; i >= 0; i--) {
                try {
                    Files.createDirectory(missing.get(i));
                    created.add(missing.get(i));
                } catch (FileAlreadyExistsException raced) {
                    // made by another process meanwhile: fine, if it is a directory
                    if (!Files.isDirectory(missing.get(i))) {
                        throw raced;
                    }
                }
            }
        } catch (IOException e) {
            removeCreated(created);
            throw new UclrException(what + ": cannot create " + reason(e) + " (" + fix + ")", e);
        }
        Path probe = absolute.resolve(".write-probe-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
        try {
            Files.write(probe, new byte[]{'o', 'k'}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.delete(probe);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the write failed first; its reason is the one to report
            }
            removeCreated(created);
            throw new UclrException(what + ": cannot write a file in it: " + reason(e) + " (" + fix + ")", e);
        }
        removeCreated(created);
    }

    private static void removeCreated(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException ignored) {
                // not empty any more (another process wrote into it) or already gone: leave it
            }
        }
    }

    /**
     * "FILE: reason", the reason as the operating system states it. Java leaves the reason out of the
     * exceptions it maps from errno values (ENOENT, EACCES, EEXIST, ENOTDIR); their strerror texts
     * are filled in here.
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String reason = f.getReason();
            if (reason == null) {
                if (e instanceof NoSuchFileException) {
                    reason = "No such file or directory";
                } else if (e instanceof AccessDeniedException) {
                    reason = "Permission denied";
                } else if (e instanceof FileAlreadyExistsException) {
                    reason = "File exists";
                } else if (e instanceof NotDirectoryException) {
                    reason = "Not a directory";
                } else {
                    reason = e.getClass().getSimpleName();
                }
            }
            return (f.getFile() != null ? f.getFile() + ": " : "") + reason;
        }
        return String.valueOf(e.getMessage());
    }
}
