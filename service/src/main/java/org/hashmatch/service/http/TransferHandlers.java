package org.hashmatch.service.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashmatch.index.BankNotFoundException;
import org.hashmatch.index.Entry;
import org.hashmatch.index.EntryDraft;
import org.hashmatch.index.EntryPage;
import org.hashmatch.service.audit.Actor;
import org.jspecify.annotations.Nullable;

/**
 * Bulk import and export of a bank (trust and safety lists).
 *
 * <p>Import semantics: the whole body is parsed and validated first; any invalid row answers 400
 * {@code invalid-import} naming its line and nothing is written. Valid bodies are then written in
 * chunks of {@value #CHUNK} rows, each chunk one all-or-nothing {@code addAll} (one durable commit)
 * followed by its own audit record. Should the index fail part-way (a server-side error, never a
 * data error), the chunks already acknowledged stay, and the audit log lists exactly their ids.
 */
final class TransferHandlers {

  static final int CHUNK = 1000;
  private static final int EXPORT_PAGE = 1000;

  private final ApiContext api;

  TransferHandlers(ApiContext api) {
    this.api = api;
  }

  Future<Reply> importEntries(RoutingContext ctx) {
    String bank = Requests.bankParam(ctx);
    String mt = Requests.mediaType(ctx);
    ImportParser.Format format;
    if ("text/csv".equals(mt)) {
      format = ImportParser.Format.CSV;
    } else if ("application/x-ndjson".equals(mt) || "application/jsonl".equals(mt)
        || "application/x-jsonlines".equals(mt)) {
      format = ImportParser.Format.JSONL;
    } else {
      throw Requests.unsupportedType(mt, "text/csv or application/x-ndjson");
    }
    String body = ctx.body().asString();
    String reason = Requests.reason(ctx, null);
    Actor actor = ApiContext.actor(ctx);
    return api.onIndex(() -> {
      if (api.index.bank(bank).isEmpty()) {
        throw new BankNotFoundException("no bank named '" + bank + "'");
      }
      List<EntryDraft> drafts = ImportParser.parse(body == null ? "" : body, format, actor.keyId());
      if (drafts.isEmpty()) {
        throw new ApiProblem(ProblemType.INVALID_IMPORT, "the import has no rows");
      }
      int chunks = 0;
      for (int from = 0; from < drafts.size(); from += CHUNK) {
        List<EntryDraft> chunk = drafts.subList(from, Math.min(drafts.size(), from + CHUNK));
        List<String> ids = api.index.addAll(bank, new ArrayList<>(chunk)).stream().map(Entry::id).toList();
        chunks++;
        api.audit(actor, "entry.import", bank, ids, null, reason,
            Map.of("format", format.name().toLowerCase(java.util.Locale.ROOT), "chunk", chunks,
                "count", ids.size()));
      }
      return new Reply(201,
          new JsonObject().put("imported", drafts.size()).put("chunks", chunks),
          "application/json", Map.of());
    });
  }

  /** GET export?format=csv|jsonl (default jsonl): streams every entry, page by page. */
  Future<@Nullable Reply> export(RoutingContext ctx) {
    String bank = Requests.bankParam(ctx);
    String f = ctx.request().getParam("format");
    boolean csv;
    if (f == null || f.isEmpty() || f.equals("jsonl")) {
      csv = false;
    } else if (f.equals("csv")) {
      csv = true;
    } else {
      throw new ApiProblem(ProblemType.INVALID_REQUEST, "format must be csv or jsonl, got '"
          + Requests.abbreviate(f) + "'");
    }
    // First page before any byte is sent, so an unknown bank is still a proper 404.
    return api.onIndex(() -> api.index.list(bank, null, EXPORT_PAGE)).compose(first -> {
      HttpServerResponse res = ctx.response();
      res.setChunked(true)
          .putHeader("Content-Type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
          .putHeader("Content-Disposition",
              "attachment; filename=\"" + bank + (csv ? ".csv" : ".jsonl") + "\"");
      if (csv) {
        res.write("id,pdq,quality,phash,md5,sha256,reference,source,note,addedBy,addedAt\n");
      }
      return writePages(ctx, bank, first, csv).map(v -> (Reply) null);
    });
  }

  private Future<Void> writePages(RoutingContext ctx, String bank, EntryPage page, boolean csv) {
    HttpServerResponse res = ctx.response();
    if (res.closed()) {
      return Future.succeededFuture();
    }
    Buffer chunk = Buffer.buffer();
    for (Entry e : page.entries()) {
      chunk.appendString(csv ? csvLine(e) : Json.entry(e).encode() + "\n");
    }
    Future<Void> written = res.write(chunk);
    String next = page.nextCursor();
    if (next == null) {
      return written.compose(v -> res.end());
    }
    Future<Void> ready = written;
    if (res.writeQueueFull()) {
      Promise<Void> drained = Promise.promise();
      res.drainHandler(v -> drained.tryComplete());
      ready = drained.future();
    }
    return ready
        .compose(v -> api.onIndex(() -> api.index.list(bank, next, EXPORT_PAGE)))
        .compose(p -> writePages(ctx, bank, p, csv));
  }

  private static String csvLine(Entry e) {
    var p = e.provenance();
    return String.join(",",
        ImportParser.cell(e.id()),
        ImportParser.cell(e.pdq() == null ? null : e.pdq().toHex()),
        ImportParser.cell(e.pdq() == null ? null : e.quality()),
        ImportParser.cell(e.phash() == null ? null : e.phash().toHex()),
        ImportParser.cell(e.md5()),
        ImportParser.cell(e.sha256()),
        ImportParser.cell(p.reference()),
        ImportParser.cell(p.source()),
        ImportParser.cell(p.note()),
        ImportParser.cell(p.addedBy()),
        ImportParser.cell(p.addedAt())) + "\n";
  }
}
