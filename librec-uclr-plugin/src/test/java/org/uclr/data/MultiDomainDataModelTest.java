package org.uclr.data;

import net.librec.math.structure.SparseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leave-one-out split is made by our data model. LibRec's job only acts on splitter aliases and
 * its data models would build a splitter by class name; whatever {@code data.model.splitter} says,
 * {@link MultiDomainDataModel#buildDataModel()} must hold out exactly one test item per user and domain.
 */
class MultiDomainDataModelTest {
    @TempDir
    Path dir;

    private static MultiDomainDataModel built(String splitter, Path splitDir, long seed) {
        MultiDomainDataModel dm = new MultiDomainDataModel();
        dm.setConf(Fixtures.configuration(Map.of(
                "data.source", "synthetic", "data.synthetic.scale", "0.05", "rec.random.seed", String.valueOf(seed),
                "data.split.dir", splitDir.toString(), "data.model.splitter", splitter,
                // a LibRec ratio split would move 20% of the ratings to test
                "data.splitter.trainset.ratio", "0.8")));
        dm.buildDataModel();
        return dm;
    }

    private MultiDomainDataModel built(String splitter) {
        return built(splitter, dir, 3);
    }

    @Test
    void theSplitIsLeaveOneOutEvenWhenLibRecIsToldToUseAnotherSplitterByClassName() throws IOException {
        MultiDomainDataModel dm = built("net.librec.data.splitter.RatioDataSplitter");
        MultiDomainDataset data = dm.dataset();
        assertInstanceOf(LeaveOneOutDataSplitter.class, dm.getDataSplitter());

        SparseMatrix train = (SparseMatrix) dm.getTrainDataSet();
        SparseMatrix valid = (SparseMatrix) dm.getValidDataSet();
        SparseMatrix test = (SparseMatrix) dm.getTestDataSet();
        // every user of the synthetic data is in every domain: one test item per (user, domain)
        for (int u = 0; u < data.numUsers(); u++) {
            Set<Integer> domainsWithTest = new HashSet<>();
            for (int item : test.getColumns(u)) {
                for (int d = 0; d < data.numDomains(); d++) {
                    if (item >= data.itemOffset(d) && item < data.itemOffset(d) + data.domain(d).numItems()) {
                        domainsWithTest.add(d);
                    }
                }
                assertTrue(!train.contains(u, item) && !valid.contains(u, item));
            }
            assertEquals(data.numDomains(), test.getColumns(u).size(), "user " + u);
            assertEquals(data.numDomains(), domainsWithTest.size(), "user " + u);
        }
        assertEquals(data.totalInteractions(), train.size() + valid.size() + test.size());
        assertEquals(data.numUsers() * data.numDomains(), test.size());

        // and it was persisted by our SplitStore, under the dataset's fingerprint and the seed
        assertEquals(1, splitFiles(dir, data, 3));
    }

    private static long splitFiles(Path root, MultiDomainDataset data, long seed) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith("seed-" + seed + "-neg99.bin.gz")
                    && p.getParent().getFileName().toString().endsWith(data.fingerprint())).count();
        }
    }

    /**
     * Two builds in separate split directories, so the second cannot read what the first wrote: the
     * splitter key of LibRec changes nothing, and the same seed gives the same split from scratch.
     */
    @Test
    void independentBuildsWithTheSameSeedGiveTheSameSplitWhateverTheSplitterKey() throws IOException {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        MultiDomainDataModel a = built("net.librec.data.splitter.RatioDataSplitter", first, 3);
        MultiDomainDataModel b = built("testset", second, 3);
        assertEquals(1, splitFiles(first, a.dataset(), 3));
        assertEquals(1, splitFiles(second, b.dataset(), 3), "the second build made its own split");
        assertSameSplit(a.split(), b.split());
    }

    @Test
    void anotherSeedGivesAnotherSplit() {
        Split a = built("testset", dir.resolve("first"), 3).split();
        Split b = built("testset", dir.resolve("second"), 4).split();
        for (int d = 0; d < a.domains().size(); d++) {
            assertFalse(Arrays.equals(a.domain(d).testItem(), b.domain(d).testItem()), "domain " + d + " test items");
            assertFalse(Arrays.equals(a.domain(d).test().candidates(), b.domain(d).test().candidates()),
                    "domain " + d + " negatives");
        }
    }

    private static void assertSameSplit(Split a, Split b) {
        assertEquals(a.domains().size(), b.domains().size());
        for (int d = 0; d < a.domains().size(); d++) {
            DomainSplit x = a.domain(d);
            DomainSplit y = b.domain(d);
            assertArrayEquals(x.testItem(), y.testItem(), "domain " + d + " test items");
            assertArrayEquals(x.validItem(), y.validItem(), "domain " + d + " validation items");
            assertArrayEquals(x.train().entryUsers(), y.train().entryUsers(), "domain " + d + " train users");
            assertArrayEquals(x.train().entryItems(), y.train().entryItems(), "domain " + d + " train items");
            for (CandidateSet[] c : new CandidateSet[][]{{x.test(), y.test()}, {x.validation(), y.validation()}}) {
                assertArrayEquals(c[0].users(), c[1].users(), "domain " + d);
                assertArrayEquals(c[0].candidates(), c[1].candidates(), "domain " + d + " candidates");
            }
        }
    }

    @Test
    void libRecMappingsUseRawIdsAndDomainQualifiedItems() {
        MultiDomainDataModel dm = built("testset");
        MultiDomainDataset data = dm.dataset();
        assertEquals(0, dm.getUserMappingData().get(data.userIds()[0]));
        int d = data.domainIndex("music");
        String firstMusicItem = "music:" + data.domain(d).itemIds()[0];
        assertEquals(data.itemOffset(d), dm.getItemMappingData().get(firstMusicItem));
        assertEquals(data.totalItems(), dm.getItemMappingData().size());
    }
}
