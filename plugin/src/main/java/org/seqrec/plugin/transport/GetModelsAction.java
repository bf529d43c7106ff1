package org.seqrec.plugin.transport;

import org.opensearch.action.ActionType;

/**
 * {@code cluster:admin/seqrec/model/get}: one stored model or all of them, with their manifest,
 * size, versions, and the nodes that have them loaded.
 */
public final class GetModelsAction extends ActionType<GetModelsResponse> {
    public static final String NAME = "cluster:admin/seqrec/model/get";
    public static final GetModelsAction INSTANCE = new GetModelsAction();

    private GetModelsAction() {
        super(NAME, GetModelsResponse::new);
    }
}
