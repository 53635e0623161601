package io.tollgate.core.numbers;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixTrieTest {

    private static PrefixTrie<String> trie(String... prefixes) {
        PrefixTrie<String> trie = new PrefixTrie<>();
        for (String p : prefixes) {
            trie.put(p, "v" + p, (a, b) -> a + "+" + b);
        }
        return trie;
    }

    private static List<Object> prefixesOf(PrefixTrie<String> trie, String number) {
        Object[] out = new Object[number.length() + 1];
        int n = trie.prefixesOf(number, out);
        return Arrays.asList(out).subList(0, n);
    }

    @Test
    void longestMatchPicksTheLongestStoredPrefix() {
        PrefixTrie<String> trie = trie("44", "447", "4477");
        assertThat(trie.longestMatch("447700900123")).isEqualTo("v4477");
        assertThat(trie.longestMatch("447600900123")).isEqualTo("v447");
        assertThat(trie.longestMatch("442079460958")).isEqualTo("v44");
        assertThat(trie.longestMatch("4477")).isEqualTo("v4477");
    }

    @Test
    void longestMatchIsNullWhenNoPrefixMatches() {
        PrefixTrie<String> trie = trie("44", "447");
        assertThat(trie.longestMatch("33123")).isNull();
        assertThat(trie.longestMatch("4")).isNull();
        assertThat(trie.longestMatch("")).isNull();
        assertThat(new PrefixTrie<String>().longestMatch("44")).isNull();
    }

    @Test
    void longestMatchSkipsIntermediateNodesWithoutValue() {
        // 4477 creates nodes 4, 44, 447 that hold nothing: they must not count as matches
        PrefixTrie<String> trie = trie("4", "4477");
        assertThat(trie.longestMatch("447612")).isEqualTo("v4");
        assertThat(trie.longestMatch("44771")).isEqualTo("v4477");
    }

    @Test
    void longestMatchStopsAtTheFirstNonDigit() {
        PrefixTrie<String> trie = trie("44", "4412");
        assertThat(trie.longestMatch("44#12")).isEqualTo("v44");
        assertThat(trie.longestMatch("#4412")).isNull();
    }

    @Test
    void emptyPrefixMatchesEveryNumber() {
        PrefixTrie<String> trie = trie("", "44");
        assertThat(trie.longestMatch("33")).isEqualTo("v");
        assertThat(trie.longestMatch("441")).isEqualTo("v44");
        assertThat(prefixesOf(trie, "441")).containsExactly("v", "v44");
        assertThat(trie.get("")).isEqualTo("v");
    }

    @Test
    void prefixesOfListsEveryStoredPrefixShortestFirst() {
        PrefixTrie<String> trie = trie("4477", "44", "1", "447", "4478");
        assertThat(prefixesOf(trie, "447700900123")).containsExactly("v44", "v447", "v4477");
        assertThat(prefixesOf(trie, "4479")).containsExactly("v44", "v447");
        assertThat(prefixesOf(trie, "4")).isEmpty();
        assertThat(prefixesOf(trie, "33")).isEmpty();
        assertThat(prefixesOf(trie, "")).isEmpty();
    }

    @Test
    void prefixesOfFillsACallerOwnedArrayAndReturnsTheCount() {
        PrefixTrie<String> trie = trie("4", "44", "447");
        Object[] out = new Object[] {"stale", "stale", "stale", "stale", "stale"};
        assertThat(trie.prefixesOf("4471", out)).isEqualTo(3);
        assertThat(out).containsExactly("v4", "v44", "v447", "stale", "stale");
        // a number exactly as long as the longest prefix still fits an array of length + 1
        Object[] exact = new Object[4];
        assertThat(trie.prefixesOf("447", exact)).isEqualTo(3);
    }

    @Test
    void getIsAnExactLookup() {
        PrefixTrie<String> trie = trie("44", "4477");
        assertThat(trie.get("44")).isEqualTo("v44");
        assertThat(trie.get("4477")).isEqualTo("v4477");
        assertThat(trie.get("447")).as("an intermediate node holds no value").isNull();
        assertThat(trie.get("44771")).as("longer than anything stored").isNull();
        assertThat(trie.get("4")).isNull();
        assertThat(trie.get("33")).isNull();
        assertThat(trie.get("")).isNull();
    }

    @Test
    void putMergesWithTheValueAlreadyThereAndSizeCountsDistinctPrefixes() {
        PrefixTrie<String> trie = new PrefixTrie<>();
        assertThat(trie.size()).isZero();
        trie.put("44", "a", (x, y) -> x + y);
        trie.put("447", "b", (x, y) -> x + y);
        trie.put("44", "c", (x, y) -> x + y);
        assertThat(trie.get("44")).isEqualTo("ac");
        assertThat(trie.size()).isEqualTo(2);
    }

    @Test
    void putRefusesNonDigitPrefixesNamingThePosition() {
        PrefixTrie<String> trie = new PrefixTrie<>();
        assertThatThrownBy(() -> trie.put("4a", "x", (a, b) -> a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'4a'")
                .hasMessageContaining("position 2");
        assertThatThrownBy(() -> trie.get("4/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growsBeyondItsInitialCapacityAndKeepsWorkingAfterTrim() {
        PrefixTrie<Integer> trie = new PrefixTrie<>();
        List<String> prefixes = new ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            prefixes.add(Integer.toString(i * 7919));
        }
        for (String p : prefixes) {
            trie.put(p, Integer.valueOf(p), (a, b) -> b);
        }
        trie.trim();
        assertThat(trie.size()).isEqualTo(2000);
        for (String p : prefixes) {
            assertThat(trie.get(p)).isEqualTo(Integer.valueOf(p));
            assertThat(trie.longestMatch(p + "#1")).isEqualTo(Integer.valueOf(p));
        }
        // still writable after trim
        trie.put("99999999", 1, (a, b) -> b);
        trie.put("99999998", 2, (a, b) -> b);
        assertThat(trie.get("99999999")).isEqualTo(1);
        assertThat(trie.get("99999998")).isEqualTo(2);
        assertThat(trie.get("7919")).isEqualTo(7919);
        assertThat(trie.size()).isEqualTo(2002);
    }
}
