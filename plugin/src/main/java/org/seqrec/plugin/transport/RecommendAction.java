package org.seqrec.plugin.transport;

import org.opensearch.action.ActionType;

/**
 * {@code cluster:admin/seqrec/model/recommend}: the next items for a history, from one model's
 * item index. A permission-style name so OpenSearch security can grant or deny it.
 */
public final class RecommendAction extends ActionType<RecommendResponse> {
    public static final String NAME = "cluster:admin/seqrec/model/recommend";
    public static final RecommendAction INSTANCE = new RecommendAction();

    private RecommendAction() {
        super(NAME, RecommendResponse::new);
    }
}
