package dev.klaxon.processor;

/** Small checks shared by the topologies' decode steps. */
final class Decoding {

  private Decoding() {}

  static <T> T require(T decoded) {
    if (decoded == null) {
      throw new IllegalArgumentException("record has no value (null or tombstone)");
    }
    return decoded;
  }
}
