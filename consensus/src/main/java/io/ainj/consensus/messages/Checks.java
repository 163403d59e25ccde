package io.ainj.consensus.messages;

final class Checks {
  private Checks() {}

  static void heightView(long height, int view) {
    if (height < 0) {
      throw new IllegalArgumentException("negative height");
    }
    if (view < 0) {
      throw new IllegalArgumentException("negative view");
    }
  }
}
