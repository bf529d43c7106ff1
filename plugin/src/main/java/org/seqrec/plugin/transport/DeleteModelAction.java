package org.seqrec.plugin.transport;

import org.opensearch.action.ActionType;

/** {@code cluster:admin/seqrec/model/delete}: removes a model from the cluster's store, on every node. */
public final class DeleteModelAction extends ActionType<DeleteModelResponse> {
    public static final String NAME = "cluster:admin/seqrec/model/delete";
    public static final DeleteModelAction INSTANCE = new DeleteModelAction();

    private DeleteModelAction() {
        super(NAME, DeleteModelResponse::new);
    }
}
