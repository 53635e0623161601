package io.tollgate.reports.recon;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of reconciling two CDR files: our CDRs in our file's order (each paired or {@code missing_theirs}),
 * then their unpaired CDRs in their file's order; with count and impact per class.
 */
public final class Reconciliation {
    private final List<ReconLine> lines;
    private final Map<ReconClass, Long> counts = new EnumMap<>(ReconClass.class);
    private final Map<ReconClass, BigDecimal> impacts = new EnumMap<>(ReconClass.class);

    Reconciliation(List<ReconLine> lines) {
        this.lines = List.copyOf(lines);
        for (ReconClass c : ReconClass.values()) {
            counts.put(c, 0L);
            impacts.put(c, BigDecimal.ZERO);
        }
        for (ReconLine line : lines) {
            counts.merge(line.reconClass(), 1L, Long::sum);
            impacts.merge(line.reconClass(), line.impact(), BigDecimal::add);
        }
    }

    public List<ReconLine> lines() {
        return lines;
    }

    public long count(ReconClass c) {
        return counts.get(c);
    }

    /** The sum of the impacts of the class's lines, exactly. */
    public BigDecimal impact(ReconClass c) {
        return impacts.get(c);
    }

    public long totalCount() {
        return lines.size();
    }

    public BigDecimal totalImpact() {
        return impacts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
