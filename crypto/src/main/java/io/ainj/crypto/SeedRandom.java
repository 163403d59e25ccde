package io.ainj.crypto;

/**
 * The ARC4 generator of the npm package {@code seedrandom} (2.4.x) for string seeds, which AIN
 * uses to pick a block proposer: the same seed must give the same doubles as in Node.js. The
 * arithmetic stays in doubles where JS uses doubles so results match bit for bit.
 */
public final class SeedRandom {
  private static final int WIDTH = 256;
  private static final int MASK = 255;
  private static final int CHUNKS = 6;
  private static final double START_DENOM = Math.pow(WIDTH, CHUNKS);
  private static final double SIGNIFICANCE = Math.pow(2, 52);
  private static final double OVERFLOW = SIGNIFICANCE * 2;

  private final int[] state = new int[WIDTH];
  private int i;
  private int j;

  public SeedRandom(String seed) {
    int[] key = mixKey(seed);
    int keyLength = key.length;
    if (keyLength == 0) {
      key = new int[] {0};
      keyLength = 1;
    }
    for (int n = 0; n < WIDTH; n++) {
      state[n] = n;
    }
    int jj = 0;
    for (int n = 0; n < WIDTH; n++) {
      int t = state[n];
      jj = MASK & (jj + key[n % keyLength] + t);
      state[n] = state[jj];
      state[jj] = t;
    }
    // seedrandom discards the first 256 outputs (RC4-drop[256]).
    next(WIDTH);
  }

  /** Next double in [0, 1), as {@code seedrandom(seed)()} returns it. */
  public double nextDouble() {
    double n = next(CHUNKS);
    double d = START_DENOM;
    double x = 0;
    while (n < SIGNIFICANCE) {
      n = (n + x) * WIDTH;
      d *= WIDTH;
      x = next(1);
    }
    while (n >= OVERFLOW) {
      n /= 2;
      d /= 2;
      x = (double) (((long) x) >>> 1);
    }
    return (n + x) / d;
  }

  private double next(int count) {
    double r = 0;
    int ii = i;
    int jj = j;
    while (count-- > 0) {
      ii = MASK & (ii + 1);
      int t = state[ii];
      jj = MASK & (jj + t);
      state[ii] = state[jj];
      state[jj] = t;
      r = r * WIDTH + state[MASK & (state[ii] + t)];
    }
    i = ii;
    j = jj;
    return r;
  }

  /** seedrandom's {@code mixkey}: folds the seed's UTF-16 units into at most 256 key bytes. */
  private static int[] mixKey(String seed) {
    int length = Math.min(seed.length(), WIDTH);
    int[] key = new int[length];
    int smear = 0;
    for (int n = 0; n < seed.length(); n++) {
      int slot = MASK & n;
      smear ^= key[slot] * 19;
      key[slot] = MASK & (smear + seed.charAt(n));
    }
    return key;
  }
}
