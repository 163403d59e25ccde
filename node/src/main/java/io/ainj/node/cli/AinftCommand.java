package io.ainj.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ainj.crypto.Hex;
import io.ainj.statedb.json.Json;
import io.ainj.statedb.json.JsonCodec;
import io.ainj.vm.ainft.AinftRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ainj ainft}: tools for native AINFTs (docs/ainft.md). */
@Command(
    name = "ainft",
    description = "Native AINFT tools (docs/ainft.md).",
    subcommands = {AinftCommand.Verify.class})
public final class AinftCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code ainj ainft verify ID --file COMPONENT=PATH ...}: reads the token over JSON-RPC, hashes
   * the files and compares them with the digests on the ledger; also recomputes the id from the
   * record. Exit 0 when everything matches, 1 when something does not, 2 on usage or I/O errors.
   */
  @Command(
      name = "verify",
      description = "Check local files against the content digests an AINFT records. COMPONENT"
          + " is data, model, service (their digest) or a dotted path to any digest in the"
          + " record, e.g. model.recipe.image_digest. Prints MATCH, MISMATCH or MISSING per file;"
          + " exits 0 when all match, 1 otherwise, 2 on errors.")
  static final class Verify implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The AINFT id (0x + 64 hex).")
    String id;

    @Option(names = "--file", paramLabel = "COMPONENT=PATH", required = true,
        description = "A component and the local file to check; repeatable.")
    List<String> files = new ArrayList<>();

    @Option(names = "--rpc-url", paramLabel = "URL",
        description = "JSON-RPC endpoint (default: ${DEFAULT-VALUE}).")
    String rpcUrl = "http://127.0.0.1:8080/json-rpc";

    @Option(names = "--timeout-ms", description = "HTTP timeout (default: ${DEFAULT-VALUE}).")
    long timeoutMs = 10_000;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!AinftRecords.isTokenId(id)) {
        err.println("error: ID must be an AINFT id (0x followed by 64 lower-case hex digits)");
        return 2;
      }
      List<String[]> targets = new ArrayList<>();
      for (String f : files) {
        int eq = f.indexOf('=');
        if (eq <= 0 || eq == f.length() - 1) {
          err.println("error: --file takes COMPONENT=PATH, got '" + f + "'");
          return 2;
        }
        targets.add(new String[] {f.substring(0, eq), f.substring(eq + 1)});
      }
      JsonNode token;
      try {
        token = fetchToken();
      } catch (IOException | RuntimeException e) {
        err.println("error: cannot read the token from " + rpcUrl + ": " + e.getMessage());
        return 2;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 2;
      }
      if (token == null || token.isNull()) {
        out.println("AINFT " + id + ": NOT FOUND on " + rpcUrl);
        return 1;
      }
      Json record = JsonCodec.fromJackson(token.path("record"));
      boolean allOk = true;
      String recomputed = AinftRecords.tokenId(record);
      boolean idOk = recomputed.equals(id);
      allOk &= idOk;
      out.println("AINFT " + id + (token.path("burned").asBoolean(false) ? " (burned)" : "")
          + " owner " + token.path("owner").asText("-"));
      out.println(String.format("%-9s %s", idOk ? "MATCH" : "MISMATCH", "id (recomputed "
          + "from the record: " + recomputed + ")"));
      for (String[] t : targets) {
        String component = t[0];
        Path file = Path.of(t[1]);
        String expected = AinftRecords.digestAt(record, component);
        String actual;
        try {
          actual = sha256(file);
        } catch (IOException e) {
          err.println("error: cannot read " + file + ": " + e.getMessage());
          return 2;
        }
        if (expected == null) {
          allOk = false;
          out.println(String.format("%-9s %s %s (the record has no digest there; file %s)",
              "MISSING", component, file, actual));
        } else if (expected.equals(actual)) {
          out.println(String.format("%-9s %s %s %s", "MATCH", component, file, actual));
        } else {
          allOk = false;
          out.println(String.format("%-9s %s %s ledger %s file %s", "MISMATCH", component, file,
              expected, actual));
        }
      }
      out.println(allOk ? "OK: every file matches the ledger" : "FAILED: see above");
      out.flush();
      return allOk ? 0 : 1;
    }

    /**
     * {@code ainft_getToken}. The node's protocol-version gate needs {@code params.protoVer}; a
     * first call without it is answered with the node's version, which the second call sends.
     */
    private JsonNode fetchToken() throws IOException, InterruptedException {
      ObjectMapper mapper = new ObjectMapper();
      HttpClient client = HttpClient.newBuilder()
          .connectTimeout(Duration.ofMillis(timeoutMs)).build();
      JsonNode json = post(mapper, client, null);
      if (json.has("code") && json.path("protoVer").isTextual()) {
        json = post(mapper, client, json.path("protoVer").asText());
      }
      if (json.has("code")) {
        throw new IOException("code " + json.path("code").asInt() + ": "
            + json.path("message").asText(""));
      }
      if (json.has("error")) {
        throw new IOException("JSON-RPC error " + json.get("error"));
      }
      JsonNode wrapper = json.path("result");
      if (wrapper.has("code") && wrapper.path("code").asInt(0) != 0) {
        throw new IOException("code " + wrapper.path("code").asInt() + ": "
            + wrapper.path("message").asText(""));
      }
      if (!wrapper.has("result")) {
        throw new IOException("unexpected answer " + json);
      }
      return wrapper.path("result");
    }

    private JsonNode post(ObjectMapper mapper, HttpClient client, String protoVer)
        throws IOException, InterruptedException {
      ObjectNode body = mapper.createObjectNode().put("jsonrpc", "2.0").put("id", 1)
          .put("method", "ainft_getToken");
      ObjectNode params = body.putObject("params").put("id", id);
      if (protoVer != null) {
        params.put("protoVer", protoVer);
      }
      HttpRequest req = HttpRequest.newBuilder(URI.create(rpcUrl))
          .timeout(Duration.ofMillis(timeoutMs))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body),
              StandardCharsets.UTF_8))
          .build();
      HttpResponse<String> resp = client.send(req, HttpResponse.BodyHandlers.ofString());
      if (resp.statusCode() != 200) {
        throw new IOException("HTTP " + resp.statusCode());
      }
      return mapper.readTree(resp.body());
    }

    static String sha256(Path file) throws IOException {
      MessageDigest md;
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      return "sha256:" + Hex.encode(md.digest());
    }
  }
}
