package io.tradeflow.io.parse;

import java.io.Serializable;
import java.util.Collection;

/**
 * A parser's one instance of each ticker's text, found from the line's characters without
 * cutting them out first: a replay's lines name a few hundred tickers millions of times, and a
 * string made once is made, hashed and compared by its contents once, not at every bar in every
 * later stage. Holds at most {@link #MAX} texts; beyond, each line's ticker is a string of its
 * own, as without this table.
 *
 * <p>Seeded with the tickers the parser knows, it hands out those very instances: the check that
 * a bar's ticker is known ({@link ParseContext#knowsTicker}) then finds it by reference, not by
 * comparing its characters at every bar, and so do later stages' maps keyed by the configuration's
 * tickers.
 */
final class TickerTexts implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX = 1 << 16;

    /** The texts to hand out when a line names them (null: none); shipped with the parser. */
    private final Collection<String> seeds;
    /** Open addressing, linear probing, at most half full; null until the first ticker. */
    private transient String[] table;
    private transient int size;

    /** @param seeds the texts to hand out when a line names them, or null */
    TickerTexts(Collection<String> seeds) {
        this.seeds = seeds;
    }

    /** Returns the text of {@code line} from 0 to {@code end} (exclusive), the same each time. */
    String of(String line, int end) {
        int h = 0;
        for (int i = 0; i < end; i++) {
            h = 31 * h + line.charAt(i); // String.hashCode's
        }
        if (table == null) {
            table = new String[64];
            if (seeds != null) {
                for (String seed : seeds) {
                    find(seed, seed.length(), seed.hashCode(), seed);
                }
            }
        }
        return find(line, end, h, null);
    }

    /** Returns the text of {@code line} up to {@code end}, hashed {@code h}, adding it if new. */
    private String find(String line, int end, int h, String text) {
        int mask = table.length - 1;
        for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
            String known = table[slot];
            if (known == null) {
                String added = text != null ? text : line.substring(0, end);
                if (size < MAX) {
                    table[slot] = added;
                    if (++size * 2 > table.length) {
                        grow();
                    }
                }
                return added;
            }
            if (known.length() == end && line.startsWith(known)) {
                return known;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void grow() {
        String[] old = table;
        table = new String[old.length * 2];
        int mask = table.length - 1;
        for (String text : old) {
            if (text != null) {
                int slot = spread(text.hashCode()) & mask;
                while (table[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = text;
            }
        }
    }
}
