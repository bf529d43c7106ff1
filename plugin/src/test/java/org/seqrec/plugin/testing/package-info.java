/** Test fixtures shared by the plugin's tests: small seeded models, events indices, random histories. */
package org.seqrec.plugin.testing;
