package org.hashmatch.index.search;

/** Receives verified hits: a segment-local document number and its exact Hamming distance. */
@FunctionalInterface
public interface HitCollector {
  void hit(int doc, int distance);
}
