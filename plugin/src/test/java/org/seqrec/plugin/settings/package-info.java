/** Tests of the node settings: defaults, bounds and the messages of bad values. */
package org.seqrec.plugin.settings;
