package io.ainj.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcApiTest {
  @Test
  void ainErrorsNeedANonZeroCodeAndANullOrFalseResult() {
    assertThrows(IllegalArgumentException.class, () -> RpcResult.error(0, "x"));
    assertThrows(IllegalArgumentException.class,
        () -> new RpcResult.AinError(30001, "x", BooleanNode.TRUE));
    assertThrows(IllegalArgumentException.class,
        () -> new RpcResult.AinError(30001, "x", TextNode.valueOf("no")));
    assertTrue(RpcResult.error(30001, "x").result().isNull());
    assertEquals(BooleanNode.FALSE, RpcResult.errorFalse(30001, "x").result());
  }

  @Test
  void rawIsCopiedOnTheWayInAndOut() {
    ObjectNode w = JsonNodeFactory.instance.objectNode().put("code", 0);
    RpcResult.Raw raw = new RpcResult.Raw(w);
    w.put("code", 5);
    raw.wrapper().put("code", 7);
    assertEquals(0, raw.wrapper().get("code").intValue());
  }

  @Test
  void registryRefusesDuplicatesBuiltInsAndBlankNames() {
    RpcMethod m = (p, c) -> RpcResult.ok(1);
    RpcMethodRegistry.Builder b = RpcMethodRegistry.builder().register("ain_x", m);
    assertThrows(IllegalArgumentException.class, () -> b.register("ain_x", m));
    assertThrows(IllegalArgumentException.class, () -> b.register("ain_getProtocolVersion", m));
    assertThrows(IllegalArgumentException.class, () -> b.register("ain_checkProtocolVersion", m));
    assertThrows(IllegalArgumentException.class, () -> b.register(" ", m));
    RpcMethodRegistry r = b.build();
    b.register("ain_y", m); // the built registry does not change afterwards
    assertEquals(java.util.Set.of("ain_x"), r.names());
    assertThrows(UnsupportedOperationException.class, () -> r.names().clear());
  }

  @Test
  void configDefaultsAndValidation() {
    RpcServerConfig c = RpcServerConfig.defaults();
    assertEquals(102_400, c.maxRequestBodyBytes());
    assertEquals(8080, c.port());
    assertEquals(50, c.maxBatchSize());
    assertEquals("1.6.0", c.protocol().nodeVersion());
    assertEquals(c, c.toBuilder().build());
    assertThrows(IllegalArgumentException.class, () -> RpcServerConfig.builder().port(-1).build());
    assertThrows(IllegalArgumentException.class,
        () -> RpcServerConfig.builder().requestTimeout(Duration.ZERO).build());
    assertThrows(IllegalArgumentException.class,
        () -> RpcServerConfig.builder().corsAllowedOrigins("(").build());
    assertThrows(IllegalArgumentException.class,
        () -> RpcServerConfig.builder().workerQueueCapacity(0).build());
  }
}
