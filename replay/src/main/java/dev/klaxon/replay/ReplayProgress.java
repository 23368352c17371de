package dev.klaxon.replay;

/** What a replay tells its caller while it runs (the CLI draws a progress line from it). */
public interface ReplayProgress {

  /** A stage starts: {@code copying}, {@code metrics}, {@code rules}, {@code notifications}; {@code total} units of work, 0 if unknown. */
  void stage(String name, long total);

  /** {@code done} of the current stage's total units are done. */
  void advanced(long done);

  static ReplayProgress none() {
    return new ReplayProgress() {
      @Override
      public void stage(String name, long total) {}

      @Override
      public void advanced(long done) {}
    };
  }
}
