package org.hashmatch.service;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.hashmatch.service.audit.Actor;
import org.hashmatch.service.audit.AuditEvent;
import org.hashmatch.service.audit.AuditLog;
import org.hashmatch.service.auth.ApiKey;
import org.hashmatch.service.auth.CreatedKey;
import org.hashmatch.service.auth.KeyStore;
import org.hashmatch.service.auth.Role;
import org.jspecify.annotations.Nullable;

/**
 * Command line: {@code serve} and {@code keys create|list|revoke}, as run by {@code bin/hashmatch}.
 * Exit status 0 on success, 1 on failure, 2 on a usage error.
 */
public final class Main {

  private static final String USAGE = """
      usage:
        hashmatch serve [--data DIR] [--port P] [--host H] [--body-limit-bytes N] [--max-pixels N]
                        [--hash-workers N] [--max-queued-images N] [--batch-limit N]
                        [--request-timeout-millis N] [--log-query-hashes]
        hashmatch keys create --data DIR --role matcher|curator|admin [--name N] [--reason R]
        hashmatch keys list --data DIR
        hashmatch keys revoke --data DIR KEYID [--reason R]
      """;

  /** Held strongly: the JUL LogManager keeps loggers weakly, and with them their handlers. */
  private static final Logger ACCESS_LOGGER = Logger.getLogger("org.hashmatch.service.access");

  private Main() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (UsageException e) {
      System.err.println("hashmatch: " + e.getMessage());
      System.err.print(USAGE);
      status = 2;
    }
    if (status != 0 || args.length == 0 || !args[0].equals("serve")) {
      System.exit(status);
    }
  }

  /** Runs a command; {@code serve} returns once the service listens (it keeps running). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      throw new UsageException("no command");
    }
    List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
    return switch (args[0]) {
      case "serve" -> serve(rest, out, err);
      case "keys" -> keys(rest, out, err);
      default -> throw new UsageException("unknown command '" + args[0] + "'");
    };
  }

  private static int serve(List<String> args, PrintStream out, PrintStream err) {
    Options o = Options.parse(args, Map.of(
        "--data", true, "--port", true, "--host", true, "--body-limit-bytes", true,
        "--max-pixels", true, "--hash-workers", true, "--max-queued-images", true,
        "--batch-limit", true, "--request-timeout-millis", true, "--log-query-hashes", false));
    if (!o.positional.isEmpty()) {
      throw new UsageException("unexpected argument '" + o.positional.getFirst() + "'");
    }
    ServiceConfig d = ServiceConfig.defaults(Path.of(o.get("--data").orElse("./data")));
    ServiceConfig config;
    try {
      config = new ServiceConfig(
          d.dataDir(),
          o.get("--host").orElse(d.host()),
          o.intOr("--port", d.port()),
          o.longOr("--body-limit-bytes", d.bodyLimitBytes()),
          o.longOr("--max-pixels", d.maxPixels()),
          o.intOr("--hash-workers", d.hashWorkers()),
          o.intOr("--max-queued-images", d.maxQueuedImages()),
          o.intOr("--batch-limit", d.batchLimit()),
          o.longOr("--request-timeout-millis", d.requestTimeoutMillis()),
          o.flag("--log-query-hashes"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    installAccessLogHandler(out);
    Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
        new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    HashmatchService service;
    try {
      service = HashmatchService.start(vertx, config)
          .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
          ? e.getCause() : e;
      err.println("hashmatch: cannot start: " + cause);
      vertx.close();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return 1;
    }
    err.println("hashmatch: listening on http://" + config.host() + ":" + service.port()
        + " (data " + config.dataDir().toAbsolutePath().normalize() + ")");
    // Every acknowledged change is already durable (index commits, fsynced audit records), so this
    // hook only tidies up; it waits briefly because Vert.x's threads may already be stopping.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        service.close().eventually(vertx::close)
            .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        err.println("hashmatch: unclean shutdown: " + e);
      }
    }, "hashmatch-shutdown"));
    return 0;
  }

  /** Access log lines go to stdout as bare JSON lines; other logging stays on stderr. */
  private static void installAccessLogHandler(PrintStream out) {
    Logger access = ACCESS_LOGGER;
    Handler h = new StreamHandler(out, new Formatter() {
      @Override
      public String format(LogRecord r) {
        return r.getMessage() + System.lineSeparator();
      }
    }) {
      @Override
      public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
      }
    };
    access.addHandler(h);
    access.setUseParentHandlers(false);
    // Keep the console handler of everything else quiet about itself.
    for (Handler root : Logger.getLogger("").getHandlers()) {
      if (root instanceof ConsoleHandler) {
        root.setLevel(java.util.logging.Level.INFO);
      }
    }
  }

  private static int keys(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      throw new UsageException("keys needs a subcommand: create, list or revoke");
    }
    String sub = args.getFirst();
    List<String> rest = args.subList(1, args.size());
    return switch (sub) {
      case "create" -> {
        Options o = Options.parse(rest, Map.of("--data", true, "--role", true, "--name", true,
            "--reason", true));
        noPositional(o);
        Path data = Path.of(o.require("--data"));
        Role role;
        try {
          role = Role.fromJsonName(o.require("--role"));
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
        KeyStore keys = KeyStore.open(data);
        CreatedKey k = keys.create(role, o.get("--name").orElse(""));
        try (AuditLog audit = AuditLog.open(data)) {
          audit.append(new AuditEvent(cliActor(), "key.create", null, List.of(), k.key().id(),
              o.get("--reason").orElse(null), Map.of("role", role.jsonName(), "name", k.key().name())));
        }
        out.println(k.secret());
        err.println("hashmatch: created key " + k.key().id() + " (" + role.jsonName()
            + "); the secret above is shown only this once");
        yield 0;
      }
      case "list" -> {
        Options o = Options.parse(rest, Map.of("--data", true));
        noPositional(o);
        KeyStore keys = KeyStore.open(Path.of(o.require("--data")));
        out.println("id\trole\tcreated\trevoked\tname");
        for (ApiKey k : keys.list()) {
          out.println(k.id() + "\t" + k.role().jsonName() + "\t" + k.createdAt() + "\t"
              + (k.revokedAt() == null ? "-" : k.revokedAt().toString()) + "\t" + k.name());
        }
        yield 0;
      }
      case "revoke" -> {
        Options o = Options.parse(rest, Map.of("--data", true, "--reason", true));
        if (o.positional.size() != 1) {
          throw new UsageException("keys revoke needs exactly one KEYID");
        }
        Path data = Path.of(o.require("--data"));
        String id = o.positional.getFirst();
        Optional<ApiKey> k = KeyStore.open(data).revoke(id);
        if (k.isEmpty()) {
          err.println("hashmatch: no key '" + id + "'");
          yield 1;
        }
        try (AuditLog audit = AuditLog.open(data)) {
          audit.append(new AuditEvent(cliActor(), "key.revoke", null, List.of(), id,
              o.get("--reason").orElse(null), Map.of()));
        }
        err.println("hashmatch: revoked key " + id);
        yield 0;
      }
      default -> throw new UsageException("unknown keys subcommand '" + sub + "'");
    };
  }

  private static Actor cliActor() {
    String user = System.getProperty("user.name", "unknown");
    return new Actor("cli", user.length() > 64 ? user.substring(0, 64) : user, Role.ADMIN.jsonName());
  }

  private static void noPositional(Options o) {
    if (!o.positional.isEmpty()) {
      throw new UsageException("unexpected argument '" + o.positional.getFirst() + "'");
    }
  }

  /** A command-line mistake: printed with the usage, exit status 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private record Options(Map<String, String> values, List<String> positional) {

    /** @param known option name → whether it takes a value */
    static Options parse(List<String> args, Map<String, Boolean> known) {
      Map<String, String> values = new java.util.HashMap<>();
      List<String> positional = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (!a.startsWith("--")) {
          positional.add(a);
          continue;
        }
        String name = a;
        String value = null;
        int eq = a.indexOf('=');
        if (eq > 0) {
          name = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        Boolean takesValue = known.get(name);
        if (takesValue == null) {
          throw new UsageException("unknown option '" + name + "'");
        }
        if (takesValue && value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("option " + name + " needs a value");
          }
          value = args.get(++i);
        }
        values.put(name, value == null ? "true" : value);
      }
      return new Options(values, positional);
    }

    Optional<String> get(String name) {
      return Optional.ofNullable(values.get(name));
    }

    String require(String name) {
      return get(name).orElseThrow(() -> new UsageException("option " + name + " is required"));
    }

    boolean flag(String name) {
      return values.containsKey(name);
    }

    int intOr(String name, int dflt) {
      return (int) longOr(name, dflt);
    }

    long longOr(String name, long dflt) {
      @Nullable String v = values.get(name);
      if (v == null) {
        return dflt;
      }
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw new UsageException("option " + name + " needs a number, got '" + v + "'");
      }
    }
  }
}
