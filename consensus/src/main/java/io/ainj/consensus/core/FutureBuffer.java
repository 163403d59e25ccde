package io.ainj.consensus.core;

import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.types.ValidatorId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Bounded FIFO of messages for heights this node has not reached. Each sender may fill only its
 * share, so a faulty validator flooding future heights cannot evict the honest ones.
 */
final class FutureBuffer {
  private final int capacity;
  private final ArrayDeque<Packet> queue = new ArrayDeque<>();
  private final Map<ValidatorId, Integer> perSender = new HashMap<>();

  FutureBuffer(int capacity) {
    this.capacity = capacity;
  }

  /** False when the buffer or the sender's share is full. */
  boolean add(Packet p, int senders) {
    ValidatorId author = p.message().author();
    int share = Math.max(1, capacity / Math.max(1, senders));
    int mine = perSender.getOrDefault(author, 0);
    if (queue.size() >= capacity || mine >= share) {
      return false;
    }
    queue.addLast(p);
    perSender.put(author, mine + 1);
    return true;
  }

  /** Removes and returns, in arrival order, the packets of {@code height}; drops older ones. */
  List<Packet> take(long height) {
    List<Packet> out = new ArrayList<>();
    Iterator<Packet> it = queue.iterator();
    while (it.hasNext()) {
      Packet p = it.next();
      long h = p.message().message().height();
      if (h <= height) {
        it.remove();
        perSender.merge(p.message().author(), -1, Integer::sum);
        if (h == height) {
          out.add(p);
        }
      }
    }
    perSender.values().removeIf(c -> c <= 0);
    return out;
  }

  int size() {
    return queue.size();
  }
}
