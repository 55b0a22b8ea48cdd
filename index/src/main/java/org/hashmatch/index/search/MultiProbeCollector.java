package org.hashmatch.index.search;

/**
 * Receives verified hits of a multi-probe search (for example the 8 dihedral variants of a query):
 * a segment-local document number, its smallest distance over the probes, and the index of the
 * first probe (in the order given) that reaches that distance.
 */
@FunctionalInterface
public interface MultiProbeCollector {
  void hit(int doc, int distance, int probe);
}
