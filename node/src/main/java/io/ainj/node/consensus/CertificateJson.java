package io.ainj.node.consensus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.consensus.messages.CommitCertificate;
import io.ainj.consensus.messages.Seal;
import io.ainj.consensus.types.Hash;
import io.ainj.consensus.types.Signature;
import io.ainj.consensus.types.ValidatorId;
import io.ainj.crypto.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * A block's commit certificate as JSON, the form stored beside the block and served by the
 * block RPC: {@code {height, view, block_hash, seals: [{signer, signature}]}} with addresses
 * and signatures in hex.
 */
public final class CertificateJson {
  private CertificateJson() {}

  public static ObjectNode encode(CommitCertificate c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("height", c.height());
    o.put("view", c.view());
    o.put("block_hash", c.blockHash().toHex());
    ArrayNode seals = o.putArray("seals");
    for (Seal s : c.seals()) {
      seals.addObject().put("signer", s.signer().toHex()).put("signature", Hex.encodePrefixed(s.signature().toBytes()));
    }
    return o;
  }

  public static CommitCertificate decode(JsonNode o) {
    List<Seal> seals = new ArrayList<>();
    for (JsonNode s : o.path("seals")) {
      seals.add(new Seal(ValidatorId.fromHex(s.path("signer").asText()),
          Signature.of(Hex.decode(s.path("signature").asText()))));
    }
    return new CommitCertificate(o.path("height").asLong(), o.path("view").asInt(),
        Hash.fromHex(o.path("block_hash").asText()), seals);
  }
}
