/**
 * The plugin's node settings as typed constants (keys, defaults, bounds) and its inference thread
 * pool. See docs/settings.md.
 */
package org.seqrec.plugin.settings;
