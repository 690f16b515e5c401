package org.uclr.data;

import java.util.Arrays;

/**
 * One domain of a multi-domain dataset: its name, its own item ids and the users' interactions
 * with those items (users are indexed globally, shared by all domains).
 *
 * @param name         the domain's name, e.g. "books"
 * @param itemIds      raw item id of every local item index
 * @param interactions users x local items, all observed positives
 */
public record Domain(String name, String[] itemIds, UserItemMatrix interactions) {

    public int numItems() {
        return itemIds.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain d && d.name.equals(name) && Arrays.equals(d.itemIds, itemIds);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(itemIds);
    }

    @Override
    public String toString() {
        return name + " (" + itemIds.length + " items, " + interactions.nnz() + " interactions)";
    }
}
