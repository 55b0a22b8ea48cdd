package org.hashmatch.service.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hashmatch.index.EntryDraft;

/**
 * Parses import bodies into entry drafts, failing on the first invalid row with an {@link
 * ApiProblem} of type {@code invalid-import} naming its line.
 *
 * <ul>
 *   <li>CSV (RFC 4180 quoting, one record per line, quoted fields may not span lines): a header
 *       naming columns among {@code pdq, quality, phash, md5, sha256, reference, source, note}, in
 *       any order and case. Columns {@code id, bank, addedBy, addedAt} (as {@code export} writes
 *       them) are ignored; any other column is an error. Empty cells are absent values.
 *   <li>JSON lines: one entry object per line ({@code pdq, quality, phash, md5, sha256, reference,
 *       source, note, metadata}); {@code id, bank, addedBy, addedAt} are ignored.
 * </ul>
 *
 * Blank lines are skipped. {@code quality} defaults to 100 when a PDQ hash has none.
 */
final class ImportParser {

  static final Set<String> COLUMNS =
      Set.of("pdq", "quality", "phash", "md5", "sha256", "reference", "source", "note");
  static final Set<String> IGNORED = Set.of("id", "bank", "addedby", "addedat");
  private static final Set<String> IGNORED_JSON = Set.of("id", "bank", "addedBy", "addedAt");

  enum Format { CSV, JSONL }

  private ImportParser() {}

  static List<EntryDraft> parse(String body, Format format, String addedBy) {
    String[] lines = body.split("\r?\n", -1);
    return format == Format.CSV ? csv(lines, addedBy) : jsonl(lines, addedBy);
  }

  private static List<EntryDraft> jsonl(String[] lines, String addedBy) {
    List<EntryDraft> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + (i + 1) + ": ";
      JsonObject o;
      try {
        o = new JsonObject(line);
      } catch (DecodeException e) {
        throw new ApiProblem(ProblemType.INVALID_IMPORT, where + "not a JSON object");
      }
      IGNORED_JSON.forEach(o::remove);
      out.add(draft(() -> Requests.entryDraft(o, addedBy, where, Set.of()), where));
    }
    return out;
  }

  private static List<EntryDraft> csv(String[] lines, String addedBy) {
    int headerAt = 0;
    while (headerAt < lines.length && lines[headerAt].isBlank()) {
      headerAt++;
    }
    if (headerAt == lines.length) {
      throw new ApiProblem(ProblemType.INVALID_IMPORT, "line 1: the CSV has no header");
    }
    List<String> header = fields(lines[headerAt], headerAt + 1);
    List<String> columns = new ArrayList<>();
    for (String h : header) {
      String c = h.strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(c) && !IGNORED.contains(c)) {
        throw new ApiProblem(ProblemType.INVALID_IMPORT, "line " + (headerAt + 1)
            + ": unknown column '" + Requests.abbreviate(h) + "'; allowed: "
            + String.join(",", COLUMNS.stream().sorted().toList()));
      }
      if (columns.contains(c)) {
        throw new ApiProblem(ProblemType.INVALID_IMPORT,
            "line " + (headerAt + 1) + ": column '" + c + "' appears twice");
      }
      columns.add(c);
    }
    List<EntryDraft> out = new ArrayList<>();
    for (int i = headerAt + 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String where = "line " + (i + 1) + ": ";
      List<String> cells = fields(lines[i], i + 1);
      if (cells.size() != columns.size()) {
        throw new ApiProblem(ProblemType.INVALID_IMPORT,
            where + cells.size() + " fields, the header names " + columns.size());
      }
      JsonObject o = new JsonObject();
      for (int c = 0; c < columns.size(); c++) {
        String name = columns.get(c);
        String v = cells.get(c);
        if (v.isEmpty() || IGNORED.contains(name)) {
          continue;
        }
        if (name.equals("quality")) {
          try {
            o.put(name, Integer.parseInt(v.strip()));
          } catch (NumberFormatException e) {
            throw new ApiProblem(ProblemType.INVALID_IMPORT, where + "quality is not an integer");
          }
        } else {
          o.put(name, name.equals("reference") || name.equals("source") || name.equals("note") ? v : v.strip());
        }
      }
      out.add(draft(() -> Requests.entryDraft(o, addedBy, where, Set.of()), where));
    }
    return out;
  }

  private static EntryDraft draft(java.util.function.Supplier<EntryDraft> parse, String where) {
    try {
      return parse.get();
    } catch (ApiProblem p) {
      throw new ApiProblem(ProblemType.INVALID_IMPORT, p.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ApiProblem(ProblemType.INVALID_IMPORT, where + e.getMessage());
    }
  }

  /** Splits one CSV record (RFC 4180 quotes, no line breaks inside quotes). */
  static List<String> fields(String line, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(ch);
        }
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
        wasQuoted = false;
      } else if (ch == '"' && cur.isEmpty() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (wasQuoted) {
        throw new ApiProblem(ProblemType.INVALID_IMPORT,
            "line " + lineNo + ": text after a closing quote at column " + (i + 1));
      } else {
        cur.append(ch);
      }
    }
    if (quoted) {
      throw new ApiProblem(ProblemType.INVALID_IMPORT, "line " + lineNo + ": unterminated quote");
    }
    out.add(cur.toString());
    return out;
  }

  /** One CSV cell, quoted when needed. */
  static String cell(@org.jspecify.annotations.Nullable Object v) {
    if (v == null) {
      return "";
    }
    String s = v.toString().replace("\r", " ").replace("\n", " ");
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '))) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
