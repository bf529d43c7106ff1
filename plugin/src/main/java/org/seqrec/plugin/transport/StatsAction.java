package org.seqrec.plugin.transport;

import org.opensearch.action.ActionType;

/** {@code cluster:monitor/seqrec/stats}: every node's seqrec statistics. */
public final class StatsAction extends ActionType<StatsResponse> {
    public static final String NAME = "cluster:monitor/seqrec/stats";
    public static final StatsAction INSTANCE = new StatsAction();

    private StatsAction() {
        super(NAME, StatsResponse::new);
    }
}
