package io.tollgate.core.numbers;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The trie against a brute-force scan of the stored prefixes. */
class PrefixTriePropertiesTest {

    @Property
    void lookupsAgreeWithAScanOfTheStoredPrefixes(@ForAll("prefixLists") List<String> prefixes,
                                                  @ForAll("numbers") String number,
                                                  @ForAll boolean trimmed) {
        PrefixTrie<String> trie = new PrefixTrie<>();
        for (String p : prefixes) {
            trie.put(p, p, (old, added) -> old); // value = the prefix itself
        }
        if (trimmed) {
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

    @Property
    void mergeSeesEveryValuePutAtAPrefixInOrder(@ForAll("prefixLists") List<String> prefixes) {
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
    }

    @Provide
    Arbitrary<List<String>> prefixLists() {
        // a small alphabet including both ends of the digit range, so prefixes nest and collide
        return Arbitraries.strings().withChars('0', '1', '9').ofMinLength(0).ofMaxLength(5).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.strings().withChars('0', '1', '9').ofMinLength(0).ofMaxLength(8);
    }
}
