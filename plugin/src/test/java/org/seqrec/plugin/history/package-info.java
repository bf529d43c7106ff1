/**
 * Tests of where a history comes from: parsing and validation of {@code history}, {@code user_id}
 * and {@code events}, and the events search a lookup sends.
 */
package org.seqrec.plugin.history;
