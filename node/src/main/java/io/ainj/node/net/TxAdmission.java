package io.ainj.node.net;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread on which this node admits transactions, from clients' sends and from peers'
 * gossip batches. The chain admits one transaction at a time anyway; one thread keeps each
 * source's order (an account's nonces) and takes the chain's lock without contention, where
 * workers each holding a client's call queued on it and woke one another. Bounded: a full queue
 * refuses the task ({@link RejectedExecutionException}), which the caller answers as busy.
 */
public final class TxAdmission implements Executor, AutoCloseable {
  /** Queued tasks at most: one per client send, or one per gossip batch of up to 500. */
  static final int QUEUE_CAPACITY = 10_000;

  private final ThreadPoolExecutor thread;

  public TxAdmission() {
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
          Thread t = new Thread(r, "tx-ingest");
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  /** @throws RejectedExecutionException when the queue is full or the node is closing */
  @Override
  public void execute(Runnable task) {
    thread.execute(task);
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
