package org.hashmatch.hashing.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hashmatch.hashing.CorruptImageException;
import org.hashmatch.hashing.DecodeLimits;
import org.hashmatch.hashing.Dihedral;
import org.hashmatch.hashing.HashResult;
import org.hashmatch.hashing.HashingException;
import org.hashmatch.hashing.ImageHasher;
import org.hashmatch.hashing.ImageTooLargeException;
import org.hashmatch.hashing.UnsupportedImageException;

/**
 * {@code hashmatch hash [--dihedral] [--max-pixels N] FILE...}: prints one JSON object per line
 * and per file, in the order given.
 *
 * <pre>
 * {"file":"a.jpg","pdq":"&lt;64 hex&gt;","quality":100,"phash":"&lt;16 hex&gt;","md5":"…","sha256":"…","width":W,"height":H}
 * {"file":"b.txt","error":{"type":"unsupported-image","detail":"…"}}
 * </pre>
 *
 * With {@code --dihedral} each success also carries {@code "pdqDihedral":{"rot90":…,"rot180":…,
 * "rot270":…,"flipX":…,"flipY":…,"transpose":…,"transverse":…}}. Error types are {@code
 * unsupported-image}, {@code image-too-large}, {@code corrupt-image} and {@code io-error}. A failed
 * file does not stop the others; the exit status is 0 when every file was hashed, 1 when any
 * failed, 2 for a usage error.
 */
public final class HashCommand {

  /** Exit status when every file was hashed. */
  public static final int EXIT_OK = 0;
  /** Exit status when at least one file could not be hashed. */
  public static final int EXIT_SOME_FAILED = 1;
  /** Exit status for bad arguments. */
  public static final int EXIT_USAGE = 2;

  private static final String USAGE =
      "usage: hashmatch hash [--dihedral] [--max-pixels N] FILE...";

  private static final Dihedral[] VARIANTS = {
    Dihedral.ROT90,
    Dihedral.ROT180,
    Dihedral.ROT270,
    Dihedral.FLIP_X,
    Dihedral.FLIP_Y,
    Dihedral.TRANSPOSE,
    Dihedral.TRANSVERSE
  };

  private HashCommand() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int status = run(args, out, System.err);
    out.flush();
    if (status != EXIT_OK) {
      System.exit(status);
    }
  }

  /**
   * Runs the command: JSON lines to {@code out}, usage errors to {@code err}.
   *
   * @return the exit status ({@link #EXIT_OK}, {@link #EXIT_SOME_FAILED} or {@link #EXIT_USAGE})
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    boolean dihedral = false;
    long maxPixels = DecodeLimits.DEFAULT.maxPixels();
    List<String> files = new ArrayList<>();
    boolean optionsDone = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (optionsDone || !a.startsWith("--")) {
        files.add(a);
      } else if (a.equals("--")) {
        optionsDone = true;
      } else if (a.equals("--dihedral")) {
        dihedral = true;
      } else if (a.equals("--max-pixels") || a.startsWith("--max-pixels=")) {
        String v;
        if (a.equals("--max-pixels")) {
          if (i + 1 >= args.length) {
            err.println("hashmatch hash: --max-pixels needs a value\n" + USAGE);
            return EXIT_USAGE;
          }
          v = args[++i];
        } else {
          v = a.substring("--max-pixels=".length());
        }
        try {
          maxPixels = Long.parseLong(v);
        } catch (NumberFormatException e) {
          maxPixels = -1;
        }
        if (maxPixels <= 0) {
          err.println(
              "hashmatch hash: --max-pixels must be a positive integer, got '" + v + "'\n" + USAGE);
          return EXIT_USAGE;
        }
      } else if (a.equals("--help")) {
        out.println(USAGE);
        return EXIT_OK;
      } else {
        err.println("hashmatch hash: unknown option '" + a + "'\n" + USAGE);
        return EXIT_USAGE;
      }
    }
    if (files.isEmpty()) {
      err.println("hashmatch hash: no files given\n" + USAGE);
      return EXIT_USAGE;
    }
    DecodeLimits limits = new DecodeLimits(maxPixels, DecodeLimits.DEFAULT.maxBytes());
    ImageHasher hasher = new ImageHasher(limits);
    int status = EXIT_OK;
    for (String file : files) {
      String line;
      try {
        line = success(file, hashFile(hasher, file, dihedral), dihedral);
      } catch (HashingException e) {
        line = failure(file, errorType(e), e.getMessage());
        status = EXIT_SOME_FAILED;
      } catch (NoSuchFileException e) {
        line = failure(file, "io-error", "no such file");
        status = EXIT_SOME_FAILED;
      } catch (IOException e) {
        line = failure(file, "io-error", e.getClass().getSimpleName() + ": " + e.getMessage());
        status = EXIT_SOME_FAILED;
      }
      out.println(line);
    }
    return status;
  }

  private static HashResult hashFile(ImageHasher hasher, String file, boolean dihedral)
      throws IOException {
    Path path = Path.of(file);
    long size = Files.size(path);
    long maxBytes = hasher.limits().maxBytes();
    if (size > maxBytes) {
      // Refuse before reading the file into memory.
      throw new ImageTooLargeException(
          "input is " + size + " bytes, over the budget of " + maxBytes + " bytes");
    }
    return hasher.hash(Files.readAllBytes(path), dihedral);
  }

  static String errorType(HashingException e) {
    return switch (e) {
      case UnsupportedImageException u -> "unsupported-image";
      case ImageTooLargeException t -> "image-too-large";
      case CorruptImageException c -> "corrupt-image";
    };
  }

  private static String success(String file, HashResult r, boolean dihedral) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"file\":");
    quote(sb, file);
    sb.append(",\"pdq\":\"").append(r.pdq().toHex()).append('"');
    sb.append(",\"quality\":").append(r.quality());
    sb.append(",\"phash\":\"").append(r.phash().toHex()).append('"');
    sb.append(",\"md5\":\"").append(r.md5()).append('"');
    sb.append(",\"sha256\":\"").append(r.sha256()).append('"');
    sb.append(",\"width\":").append(r.width());
    sb.append(",\"height\":").append(r.height());
    if (dihedral) {
      sb.append(",\"pdqDihedral\":{");
      for (int i = 0; i < VARIANTS.length; i++) {
        if (i > 0) {
          sb.append(',');
        }
        Dihedral d = VARIANTS[i];
        sb.append('"').append(d.jsonName()).append("\":\"");
        sb.append(r.pdqDihedral().get(d).toHex()).append('"');
      }
      sb.append('}');
    }
    return sb.append('}').toString();
  }

  private static String failure(String file, String type, String detail) {
    StringBuilder sb = new StringBuilder(128);
    sb.append("{\"file\":");
    quote(sb, file);
    sb.append(",\"error\":{\"type\":");
    quote(sb, type);
    sb.append(",\"detail\":");
    quote(sb, detail == null ? "" : detail);
    return sb.append("}}").toString();
  }

  /** Appends {@code s} as a JSON string; everything outside printable ASCII is escaped. */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c >= 0x7F) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
