package org.uclr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitStoreTest {
    private static final MultiDomainDataset DATA = Fixtures.synthetic(0.1);

    @TempDir
    Path dir;

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aStoredSplitIsReadBackIdentically() throws IOException {
        SplitStore store = new SplitStore(dir);
        Split made = store.loadOrCreate(DATA, 4L, new LeaveOneOutSplitter(99));
        Path file = store.pathFor(DATA, 4L, 99);
        assertEquals(List.of(file), files(dir), "one file, no temporary leftovers");
        Split read = store.loadOrCreate(DATA, 4L, new LeaveOneOutSplitter(99));
        assertEquals(made.fingerprint(), read.fingerprint());
        assertEquals(made.seed(), read.seed());
        for (int d = 0; d < DATA.numDomains(); d++) {
            DomainSplit a = made.domain(d);
            DomainSplit b = read.domain(d);
            assertArrayEquals(a.testItem(), b.testItem());
            assertArrayEquals(a.validItem(), b.validItem());
            assertArrayEquals(a.test().users(), b.test().users());
            assertArrayEquals(a.test().candidates(), b.test().candidates());
            assertArrayEquals(a.validation().candidates(), b.validation().candidates());
            assertArrayEquals(a.train().entryItems(), b.train().entryItems());
        }
    }

    @Test
    void theStoredSplitIsReusedNotRemade() {
        SplitStore store = new SplitStore(dir);
        // plant a split made with another seed where seed 4's split belongs: reading it back proves reuse
        store.write(store.pathFor(DATA, 4L, 99), new LeaveOneOutSplitter(99).split(DATA, 5L));
        Split loaded = store.loadOrCreate(DATA, 4L, new LeaveOneOutSplitter(99));
        assertEquals(5L, loaded.seed());
    }

    @Test
    void seedsAndNegativeCountsGetTheirOwnFiles() {
        SplitStore store = new SplitStore(dir);
        assertTrue(!store.pathFor(DATA, 1L, 99).equals(store.pathFor(DATA, 2L, 99)));
        assertTrue(!store.pathFor(DATA, 1L, 99).equals(store.pathFor(DATA, 1L, 49)));
        assertTrue(store.pathFor(DATA, 1L, 99).toString().contains(DATA.fingerprint()));
    }

    @Test
    void aCorruptSplitFileIsAnErrorThatSaysToDeleteIt() throws IOException {
        SplitStore store = new SplitStore(dir);
        Path file = store.pathFor(DATA, 4L, 99);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[]{1, 2, 3});
        UclrException e = assertThrows(UclrException.class, () -> store.loadOrCreate(DATA, 4L, new LeaveOneOutSplitter(99)));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("delete it"), e.getMessage());
    }

    @Test
    void anUnwritableSplitDirectoryIsAnErrorAndLeavesNothing() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        SplitStore store = new SplitStore(blocker.resolve("splits"));
        UclrException e = assertThrows(UclrException.class, () -> store.loadOrCreate(DATA, 4L, new LeaveOneOutSplitter(99)));
        assertTrue(e.getMessage().startsWith("cannot write "), e.getMessage());
        assertEquals(List.of(blocker), files(dir));
    }
}
