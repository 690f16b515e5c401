package org.uclr.data;

import net.librec.math.structure.SparseMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private MultiDomainDataModel built(String splitter) {
        MultiDomainDataModel dm = new MultiDomainDataModel();
        dm.setConf(Fixtures.configuration(Map.of(
                "data.source", "synthetic", "data.synthetic.scale", "0.05", "rec.random.seed", "3",
                "data.split.dir", dir.toString(), "data.model.splitter", splitter,
                // a LibRec ratio split would move 20% of the ratings to test
                "data.splitter.trainset.ratio", "0.8")));
        dm.buildDataModel();
        return dm;
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
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith("seed-3-neg99.bin.gz")
                    && p.getParent().getFileName().toString().endsWith(data.fingerprint())).count());
        }
    }

    @Test
    void theSplitterKeyDoesNotChangeTheSplit() {
        Split a = built("net.librec.data.splitter.RatioDataSplitter").split();
        Split b = built("testset").split();
        for (int d = 0; d < a.domains().size(); d++) {
            assertTrue(java.util.Arrays.equals(a.domain(d).testItem(), b.domain(d).testItem()));
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
