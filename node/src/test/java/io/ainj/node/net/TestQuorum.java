package io.ainj.node.net;

import io.ainj.consensus.crypto.AinMessageSigner;
import io.ainj.consensus.crypto.AinSignatureVerifier;
import io.ainj.consensus.messages.Commit;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.MessageCodec;
import io.ainj.consensus.messages.Seal;
import io.ainj.consensus.types.ConsensusConfig;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.consensus.types.ValidatorSet;
import io.ainj.crypto.AinCrypto;
import io.ainj.crypto.EcdsaBackends;
import io.ainj.crypto.Keys;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Four fresh validator keys and commit certificates signed by as many of them as asked. */
final class TestQuorum {
  static final AinCrypto CRYPTO = new AinCrypto(EcdsaBackends.select(EcdsaBackends.Choice.AUTO));
  static final MessageCodec CODEC = MessageCodec.of(ConsensusConfig.DEFAULTS);

  final List<AinMessageSigner> signers = new ArrayList<>();
  final ValidatorSet validators;
  final AinSignatureVerifier verifier = new AinSignatureVerifier(CRYPTO, 0);

  TestQuorum() {
    SecureRandom r = new SecureRandom();
    List<ValidatorId> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      AinMessageSigner s = new AinMessageSigner(CRYPTO, Keys.generatePrivateKey(r), 0);
      signers.add(s);
      ids.add(s.id());
    }
    validators = ValidatorSet.of(ids);
  }

  /** A certificate for block {@code hash} at {@code height} with the first {@code signatures} seals. */
  CommitCertificate certificate(long height, String hash, int signatures) {
    byte[] digest = CODEC.digest(new Commit(height, 0, Hash.fromHex(hash)));
    List<Seal> seals = new ArrayList<>();
    for (int i = 0; i < signatures; i++) {
      seals.add(new Seal(signers.get(i).id(), signers.get(i).sign(digest)));
    }
    return new CommitCertificate(height, 0, Hash.fromHex(hash), seals);
  }
}
