package org.seqrec.plugin.transport;

import org.opensearch.action.ActionType;

/**
 * {@code cluster:admin/seqrec/model/put}: validates an artifact, stores it in the cluster's model
 * store and makes it the model's current version on every node.
 */
public final class PutModelAction extends ActionType<PutModelResponse> {
    public static final String NAME = "cluster:admin/seqrec/model/put";
    public static final PutModelAction INSTANCE = new PutModelAction();

    private PutModelAction() {
        super(NAME, PutModelResponse::new);
    }
}
