package io.tollgate.core.numbers;

import io.tollgate.core.testing.Cases;
import io.tollgate.core.testing.Draw;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The trie against a brute-force scan of the stored prefixes. */
class PrefixTriePropertiesTest {
    private static final int TRIES = 1000;
    /** A small alphabet including both ends of the digit range, so prefixes nest and collide. */
    private static final String DIGITS = "019";

    /** Prefixes put into a trie, a number looked up, and whether the trie was trimmed first. */
    record Lookup(List<String> prefixes, String number, boolean trimmed) {
    }

    private static final List<List<String>> EDGE_LISTS = List.of(
            List.of(),
            List.of(""),
            List.of("", ""),
            List.of("0", "0", "0"),
            List.of("", "9", "99", "999", "9999", "99999"),
            List.of("99999", "9999", "999", "99", "9", ""),
            List.of("00000", "11111", "99999", "0", "1", "9"),
            Collections.nCopies(40, "1"));

    @TestFactory
    Stream<DynamicTest> lookupsAgreeWithAScanOfTheStoredPrefixes() {
        List<Lookup> edges = new ArrayList<>();
        for (List<String> prefixes : EDGE_LISTS) {
            for (String number : List.of("", "0", "9", "99999999", "01901901")) {
                edges.add(new Lookup(prefixes, number, false));
                edges.add(new Lookup(prefixes, number, true));
            }
        }
        return Cases.draw(TRIES, r -> new Lookup(prefixList(r), number(r), r.nextBoolean()))
                .withEdgeCases(edges)
                .check(PrefixTriePropertiesTest::agreesWithAScan);
    }

    private static void agreesWithAScan(Lookup lookup) {
        List<String> prefixes = lookup.prefixes();
        String number = lookup.number();
        PrefixTrie<String> trie = new PrefixTrie<>();
        for (String p : prefixes) {
            trie.put(p, p, (old, added) -> old); // value = the prefix itself
        }
        if (lookup.trimmed()) {
            trie.trim();
        }
        Set<String> distinct = new LinkedHashSet<>(prefixes);

        List<String> matching = new ArrayList<>();
        for (String p : distinct) {
            if (number.startsWith(p)) {
                matching.add(p);
            }
        }
        matching.sort(Comparator.comparingInt(String::length));

        Object[] out = new Object[number.length() + 1];
        int n = trie.prefixesOf(number, out);
        assertThat(Arrays.asList(out).subList(0, n)).isEqualTo(matching);
        assertThat(trie.longestMatch(number)).isEqualTo(matching.isEmpty() ? null : matching.get(matching.size() - 1));
        assertThat(trie.size()).isEqualTo(distinct.size());
        for (String p : distinct) {
            assertThat(trie.get(p)).isEqualTo(p);
        }
        assertThat(trie.get(number)).isEqualTo(distinct.contains(number) ? number : null);
    }

    @TestFactory
    Stream<DynamicTest> mergeSeesEveryValuePutAtAPrefixInOrder() {
        return Cases.draw(TRIES, PrefixTriePropertiesTest::prefixList).withEdgeCases(EDGE_LISTS).check(prefixes -> {
            PrefixTrie<String> trie = new PrefixTrie<>();
            for (int i = 0; i < prefixes.size(); i++) {
                trie.put(prefixes.get(i), Integer.toString(i), (old, added) -> old + "," + added);
            }
            for (String p : new LinkedHashSet<>(prefixes)) {
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < prefixes.size(); i++) {
                    if (prefixes.get(i).equals(p)) {
                        expected.add(Integer.toString(i));
                    }
                }
                assertThat(trie.get(p)).isEqualTo(String.join(",", expected));
            }
        });
    }

    /** Up to 40 prefixes of up to 5 digits, the empty one included. */
    static List<String> prefixList(Random r) {
        return Draw.listOf(r, 0, 40, rr -> Draw.string(rr, DIGITS, 0, 5));
    }

    static String number(Random r) {
        return Draw.string(r, DIGITS, 0, 8);
    }
}
