package org.uclr.data;

import org.junit.jupiter.api.Test;
import org.uclr.UclrException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetAssemblerTest {

    /** Raw interactions from "user:item" pairs. */
    private static RawInteractions raw(String... pairs) {
        List<String> users = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String p : pairs) {
            String[] f = p.split(":");
            users.add(f[0]);
            items.add(f[1]);
        }
        return new RawInteractions("test", users, items);
    }

    private static LinkedHashMap<String, RawInteractions> domains(RawInteractions books, RawInteractions music) {
        LinkedHashMap<String, RawInteractions> m = new LinkedHashMap<>();
        m.put("books", books);
        m.put("music", music);
        return m;
    }

    @Test
    void overlapKeepsOnlyUsersPresentInEveryDomain() {
        MultiDomainDataset ds = DatasetAssembler.assemble("t",
                domains(raw("1:a", "2:a", "3:b"), raw("2:x", "3:y", "4:y")), UserPolicy.OVERLAP);
        assertArrayEquals(new String[]{"2", "3"}, ds.userIds());
        // item "a" survives through user 2; items are only those of kept users
        assertArrayEquals(new String[]{"a", "b"}, ds.domain(0).itemIds());
        assertArrayEquals(new String[]{"x", "y"}, ds.domain(1).itemIds());
        assertEquals(4, ds.totalInteractions());
        assertEquals(false, ds.synthetic());
    }

    @Test
    void unionKeepsUsersOfAnyDomainWithEmptyRowsElsewhere() {
        MultiDomainDataset ds = DatasetAssembler.assemble("t",
                domains(raw("1:a", "2:a"), raw("2:x", "4:y")), UserPolicy.UNION);
        assertArrayEquals(new String[]{"1", "2", "4"}, ds.userIds());
        assertEquals(0, ds.domain(1).interactions().rowSize(0)); // user 1 has no music
        assertEquals(0, ds.domain(0).interactions().rowSize(2)); // user 4 has no books
    }

    @Test
    void duplicatedLinesCountOnce() {
        MultiDomainDataset ds = DatasetAssembler.assemble("t",
                domains(raw("1:a", "1:a", "1:b"), raw("1:x", "1:x")), UserPolicy.OVERLAP);
        assertEquals(2, ds.domain(0).interactions().nnz());
        assertEquals(1, ds.domain(1).interactions().nnz());
    }

    @Test
    void numericIdsAreOrderedNumericallyAndIndexingIgnoresLineOrder() {
        String[] books = {"10:100", "9:20", "100:3", "9:100", "abc:3"};
        String[] music = {"10:m", "9:m", "100:n", "abc:n"};
        MultiDomainDataset a = DatasetAssembler.assemble("t", domains(raw(books), raw(music)), UserPolicy.OVERLAP);
        List<String> shuffled = new ArrayList<>(Arrays.asList(books));
        Collections.reverse(shuffled);
        MultiDomainDataset b = DatasetAssembler.assemble("t",
                domains(raw(shuffled.toArray(String[]::new)), raw(music)), UserPolicy.OVERLAP);
        assertArrayEquals(new String[]{"9", "10", "100", "abc"}, a.userIds());
        assertArrayEquals(new String[]{"3", "20", "100"}, a.domain(0).itemIds());
        assertEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void noSharedUserIsAnErrorThatSuggestsUnion() {
        UclrException e = assertThrows(UclrException.class, () -> DatasetAssembler.assemble("t",
                domains(raw("1:a"), raw("2:x")), UserPolicy.OVERLAP));
        assertTrue(e.getMessage().contains("data.users=union"), e.getMessage());
    }

    @Test
    void fingerprintChangesWithAnyInteraction() {
        MultiDomainDataset a = DatasetAssembler.assemble("t", domains(raw("1:a", "1:b"), raw("1:x")), UserPolicy.OVERLAP);
        MultiDomainDataset b = DatasetAssembler.assemble("t", domains(raw("1:a"), raw("1:x")), UserPolicy.OVERLAP);
        assertTrue(!a.fingerprint().equals(b.fingerprint()));
    }
}
