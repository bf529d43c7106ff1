/**
 * What a run reports: the {@code train} report (text and JSON), learning curves, plain-text charts and
 * tables, and the atomic JSON writer.
 */
package org.seqrec.trainer.report;
