/** Plain JUnit tests of the rescore math: score modes, normalisation, the combination formula. */
package org.seqrec.plugin.scoring;
