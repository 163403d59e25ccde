package io.ainj.node.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TxAdmissionTest {
  @Test
  void runsTasksInOrderOnOneThread() throws Exception {
    try (TxAdmission admission = new TxAdmission()) {
      List<Integer> order = Collections.synchronizedList(new ArrayList<>());
      Set<String> threads = ConcurrentHashMap.newKeySet();
      CountDownLatch done = new CountDownLatch(1000);
      for (int i = 0; i < 1000; i++) {
        int n = i;
        admission.execute(() -> {
          order.add(n);
          threads.add(Thread.currentThread().getName());
          done.countDown();
        });
      }
      assertTrue(done.await(10, TimeUnit.SECONDS));
      for (int i = 0; i < 1000; i++) {
        assertEquals(i, order.get(i));
      }
      assertEquals(Set.of("tx-ingest"), threads);
    }
  }

  @Test
  void aFullQueueRefusesAndTheThreadGoesOn() throws Exception {
    try (TxAdmission admission = new TxAdmission()) {
      CountDownLatch hold = new CountDownLatch(1);
      CountDownLatch started = new CountDownLatch(1);
      admission.execute(() -> {
        started.countDown();
        try {
          hold.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      assertTrue(started.await(10, TimeUnit.SECONDS));
      CountDownLatch queued = new CountDownLatch(TxAdmission.QUEUE_CAPACITY);
      for (int i = 0; i < TxAdmission.QUEUE_CAPACITY; i++) {
        admission.execute(queued::countDown);
      }
      assertThrows(RejectedExecutionException.class, () -> admission.execute(() -> { }));
      hold.countDown();
      assertTrue(queued.await(10, TimeUnit.SECONDS));
      CountDownLatch after = new CountDownLatch(1);
      admission.execute(after::countDown);
      assertTrue(after.await(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aClosedAdmissionRefuses() {
    TxAdmission admission = new TxAdmission();
    admission.close();
    assertThrows(RejectedExecutionException.class, () -> admission.execute(() -> { }));
  }
}
