/** Tests of the REST handlers' own request handling (the model upload body). */
package org.seqrec.plugin.rest;
