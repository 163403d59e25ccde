package io.ainj.consensus.core;

import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.Packet;
import io.ainj.consensus.types.Block;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.ValidatorSet;
import java.util.Objects;
import java.util.Optional;

/** Everything that can happen to the state machine. */
public sealed interface Event {

  /**
   * First event after construction: the ledger tip (with its commit certificate when the tip is
   * not genesis, so this node can hand it to peers stuck on that height), the validator set of
   * the next height and the safety state loaded from disk (ignored unless it belongs to the next
   * height).
   */
  record Start(
      long committedHeight,
      Hash committedHash,
      Optional<CommitCertificate> certificate,
      ValidatorSet nextValidators,
      Optional<SafetyState> safetyState)
      implements Event {
    public Start {
      Objects.requireNonNull(committedHash, "committedHash");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(nextValidators, "nextValidators");
      Objects.requireNonNull(safetyState, "safetyState");
    }
  }

  /** A decoded packet from a peer (its signatures may already have been checked in a pool). */
  record MessageReceived(Packet packet) implements Event {
    public MessageReceived {
      Objects.requireNonNull(packet, "packet");
    }
  }

  record TimerFired(TimerKey key) implements Event {
    public TimerFired {
      Objects.requireNonNull(key, "key");
    }
  }

  /** The answer to {@link Effect.RequestProposal}: a block built on the requested parent. */
  record ProposalReady(long height, int view, Block block) implements Event {
    public ProposalReady {
      Objects.requireNonNull(block, "block");
      if (block.height() != height) {
        throw new IllegalArgumentException("proposal for height " + height + " has block height "
            + block.height());
      }
    }
  }

  /**
   * The answer to {@link Effect.RequestValidation}: whether the block is valid on its parent,
   * including that its hash belongs to its payload.
   */
  record ValidationResult(Block block, boolean valid) implements Event {
    public ValidationResult {
      Objects.requireNonNull(block, "block");
    }
  }

  /**
   * {@code node} has durably applied the block of {@code height} (after a {@link
   * Effect.CommitBlock} or through block sync with a verified commit certificate). Validator-set
   * changes take effect here, at the height boundary: {@code nextValidators} votes on height + 1.
   * The block's certificate lets this node hand the commit quorum to peers still on that height
   * even when it learned the block through sync rather than its own votes.
   */
  record Committed(
      long height, Hash blockHash, CommitCertificate certificate, ValidatorSet nextValidators)
      implements Event {
    public Committed {
      Objects.requireNonNull(blockHash, "blockHash");
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(nextValidators, "nextValidators");
      if (certificate.height() != height || !certificate.blockHash().equals(blockHash)) {
        throw new IllegalArgumentException("the certificate is not the committed block's");
      }
    }
  }
}
