package dev.berth.wiring;

import dev.berth.programs.Invocation;
import dev.berth.programs.Program;
import dev.berth.runtime.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where one program invocation listens, from the catalog's {@code listens} entry applied to its
 * command line, its environment and the configuration file it reads. Each server takes the
 * lowest-precedence source first and lets later ones override it: the defaults, the
 * variables that change the default ({@code PORT} for gunicorn), its configuration file, its
 * variables ({@code GUNICORN_CMD_ARGS}, {@code UVICORN_PORT}), then the command line. Anything
 * berth cannot read makes the answer unknown (empty), never a guess.
 */
public final class ListenArgs {
  private ListenArgs() {}

  /** What the extraction may ask about the container's files. */
  public interface Files {
    /** False only when the file (relative to the working directory, or absolute) is known absent. */
    boolean mayExist(String path);

    /** Its text, when berth knows it. */
    Optional<String> read(String path);
  }

  /**
   * The binds of {@code inv}: empty when unknown; an empty list when it listens on nothing.
   *
   * @param unknownWord tells the command-line words whose value berth does not know
   */
  public static Optional<List<Bind>> of(Invocation inv, Environment env, Files files,
      java.util.function.Predicate<String> unknownWord) {
    Optional<Program.Listen> entry = inv.program().listens();
    if (entry.isEmpty()) return Optional.empty();
    Program.Listen l = entry.get();
    if (l.none()) return Optional.of(List.of());
    List<String> argv = inv.argv();
    if (argv.stream().anyMatch(unknownWord)) return Optional.empty();
    for (String u : l.unknownOptions()) if (inv.hasOption(u)) return Optional.empty();
    for (String v : l.unknownEnv()) if (env.isSet(v)) return Optional.empty();
    int skip = inv.program().subcommands().isEmpty() ? 0 : 1;
    // redis-server reads its first argument as the configuration file unless it is an option
    // (`-` alone is standard input); option values later on are no file.
    if (l.configOperand() && argv.size() > 1 + skip) {
      String first = argv.get(1 + skip);
      if (!first.startsWith("-") || first.equals("-")) return Optional.empty();
    }
    State st = new State(l.address(), l.port());
    for (String v : l.envBindsAll()) {
      if (env.isUnknown(v)) return Optional.empty();
      Optional<String> value = env.value(v);
      if (value.isEmpty()) continue;
      OptionalInt p = Bind.port(value.get());
      if (p.isEmpty()) return Optional.empty();
      st.host = Optional.of("0.0.0.0");
      st.port = p;
    }
    // A HOST:PORT bind on the command line replaces the config file's whole bind setting
    // (gunicorn: "command-line arguments override GUNICORN_CMD_ARGS, which overrides the config
    // file"), so an unreadable config file no longer matters for where it listens.
    State cli = new State(Optional.empty(), OptionalInt.empty());
    boolean cliBinds = options(argv, 1, l, cli) && !cli.binds.isEmpty();
    if (!cliBinds && (!l.config().isEmpty() || l.configDefault().isPresent())) {
      Optional<String> named = inv.optionValue(l.config());
      Optional<String> file = named.or(l::configDefault);
      if (file.isPresent() && (named.isPresent() || files.mayExist(file.get()))) {
        Optional<String> text = files.read(file.get());
        if (text.isEmpty() || l.configKey().isEmpty()) return Optional.empty();
        if (!configBinds(text.get(), l.configKey().get(), st)) return Optional.empty();
      }
    }
    for (String name : l.env()) {
      if (env.isUnknown(name)) return Optional.empty();
      Optional<String> value = env.value(name);
      if (value.isEmpty()) continue;
      if (name.equals("GUNICORN_CMD_ARGS")) {
        if (value.get().matches(".*[\"'\\\\$`].*")) return Optional.empty();
        List<String> words = List.of(value.get().trim().split("\\s+"));
        if (!options(words, 0, l, st)) return Optional.empty();
      } else if (name.contains("PORT")) {
        st.port = Bind.port(value.get());
        if (st.port.isEmpty()) return Optional.empty();
      } else {
        if (value.get().isBlank()) return Optional.empty();
        st.host = Optional.of(value.get());
      }
    }
    st.portSet = false;
    st.hostSet = false;
    if (!options(argv, 1, l, st)) return Optional.empty();
    boolean flagPort = st.portSet;
    boolean flagHost = st.hostSet;
    if (l.operand()) {
      Optional<String> op = inv.operand(skip);
      if (op.isPresent()) {
        if (!addrport(op.get(), st)) return Optional.empty();
        flagPort = true;
        flagHost |= op.get().contains(":");
      }
    }
    for (String f : l.configFiles()) {
      if (!files.mayExist(f)) continue;
      if (!flagPort) st.port = OptionalInt.empty();
      if (!flagHost) st.host = Optional.empty();
    }
    if (!st.binds.isEmpty()) return Optional.of(List.copyOf(st.binds));
    if (st.port.isEmpty()) return Optional.empty();
    return Optional.of(List.of(new Bind.Tcp(st.host, st.port.getAsInt())));
  }

  /** What the sources said so far; {@code binds} set by a HOST:PORT option replaces the rest. */
  private static final class State {
    Optional<String> host;
    OptionalInt port;
    List<Bind> binds = List.of();
    /** Set by the source being applied (the command line, for config-files). */
    boolean portSet;
    boolean hostSet;

    State(Optional<String> host, OptionalInt port) {
      this.host = host.map(h -> h.equals("*") ? "0.0.0.0" : h);
      this.port = port;
    }
  }

  /** Applies the listen options among {@code words} (from index {@code from}); false: unknown. */
  private static boolean options(List<String> words, int from, Program.Listen l, State st) {
    List<Bind> binds = new ArrayList<>();
    for (int i = from; i < words.size(); i++) {
      String a = words.get(i);
      if (a.equals("--")) break;
      if (!a.startsWith("-")) continue;
      if (l.setting().isPresent()) {
        Program.Setting set = l.setting().get();
        String kv = null;
        if (a.equals(set.option())) {
          if (i + 1 >= words.size()) return false;
          kv = words.get(++i);
        } else if (a.startsWith("--") && a.indexOf('=') > 2) {
          kv = a.substring(2).replace('-', '_');
        }
        if (kv != null) {
          if (!setting(kv, set, st)) return false;
          continue;
        }
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else if (!a.startsWith("--") && a.length() > 2 && listenOption(a.substring(0, 2), l)) {
        name = a.substring(0, 2);
        value = a.substring(2);
      }
      boolean isPort = l.portOptions().contains(name);
      boolean isAddr = l.addressOptions().contains(name);
      if (!isPort && !isAddr) continue;
      if (value == null) {
        String next = i + 1 < words.size() ? words.get(i + 1) : null;
        if (next == null || next.startsWith("-")) {
          // `vite --host` alone listens on all addresses; a port option needs its value.
          if (isAddr && !isPort) {
            st.host = Optional.of("0.0.0.0");
            st.hostSet = true;
            continue;
          }
          return false;
        }
        value = next;
        i++;
      }
      if (isPort && (isAddr || value.contains(":"))) {
        Optional<Bind> b = Bind.parse(value);
        if (b.isEmpty()) {
          OptionalInt p = isAddr ? OptionalInt.empty() : Bind.port(value);
          if (p.isEmpty()) return false;
          st.port = p;
          st.portSet = true;
          continue;
        }
        binds.add(b.get());
      } else if (isPort) {
        st.port = Bind.port(value);
        st.portSet = true;
        if (st.port.isEmpty()) return false;
      } else {
        if (value.isBlank()) return false;
        st.host = Optional.of(value);
        st.hostSet = true;
      }
    }
    if (!binds.isEmpty()) {
      st.binds = binds;
      st.portSet = true;
      st.hostSet = true;
    }
    return true;
  }

  /**
   * {@code name=value} of a setting option: the port or address key applied, any other key left
   * alone; false (unknown) for a value berth cannot read (a list of addresses).
   */
  private static boolean setting(String kv, Program.Setting set, State st) {
    int eq = kv.indexOf('=');
    if (eq <= 0) return false;
    String key = kv.substring(0, eq).strip();
    String value = kv.substring(eq + 1).strip();
    if (set.unknown().contains(key)) return false;
    if (key.equals(set.port())) {
      st.port = Bind.port(value);
      st.portSet = true;
      return st.port.isPresent();
    }
    if (key.equals(set.address())) {
      if (value.isEmpty() || value.contains(",") || value.contains("'")) return false;
      st.host = Optional.of(value.equals("*") ? "0.0.0.0" : value);
      st.hostSet = true;
    }
    return true;
  }

  private static boolean listenOption(String name, Program.Listen l) {
    return l.portOptions().contains(name) || l.addressOptions().contains(name);
  }

  /** Django's runserver {@code [addr:]port}: {@code 8000}, {@code 0:8000}, {@code [::]:8000}. */
  private static boolean addrport(String op, State st) {
    int colon = op.lastIndexOf(':');
    String host = colon < 0 ? null : op.substring(0, colon);
    OptionalInt port = Bind.port(colon < 0 ? op : op.substring(colon + 1));
    if (port.isEmpty()) return false;
    st.port = port;
    if (host != null) {
      if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
      if (host.isEmpty()) return false;
      st.host = Optional.of(host.equals("0") ? "0.0.0.0" : host);
    }
    st.binds = List.of();
    return true;
  }

  /**
   * A Python config file's top-level {@code KEY = "HOST:PORT"} or {@code KEY = [...]}: applied
   * to {@code st}; false when the key is set in any other way (berth does not run the file).
   */
  private static boolean configBinds(String text, String key, State st) {
    List<Bind> binds = null;
    boolean mentioned = false;
    for (String line : text.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("#") || !t.contains(key)) continue;
      mentioned = true;
      if (!line.startsWith(key) || binds != null) return false;
      String rest = line.substring(key.length()).strip();
      if (!rest.startsWith("=") || rest.startsWith("==")) return false;
      Optional<List<String>> values = literals(rest.substring(1).strip());
      if (values.isEmpty()) return false;
      binds = new ArrayList<>();
      for (String v : values.get()) {
        Optional<Bind> b = Bind.parse(v);
        if (b.isEmpty()) return false;
        binds.add(b.get());
      }
    }
    // A key set some other way (setattr, a dict, environment lookups) stays unknown.
    if (mentioned && binds == null) return false;
    if (binds != null && !binds.isEmpty()) st.binds = binds;
    return true;
  }

  /** {@code "a"}, {@code ['a', "b"]} (a trailing comment allowed); empty for anything else. */
  private static Optional<List<String>> literals(String v) {
    List<String> out = new ArrayList<>();
    int i = 0;
    boolean list = v.startsWith("[");
    if (list) i++;
    while (true) {
      while (i < v.length() && v.charAt(i) == ' ') i++;
      if (list && i < v.length() && v.charAt(i) == ']') {
        i++;
        break;
      }
      if (i >= v.length()) return Optional.empty();
      char q = v.charAt(i);
      if (q != '"' && q != '\'') return Optional.empty();
      int close = v.indexOf(q, i + 1);
      if (close < 0) return Optional.empty();
      String s = v.substring(i + 1, close);
      if (s.contains("\\") || s.contains("{")) return Optional.empty();
      out.add(s);
      i = close + 1;
      while (i < v.length() && v.charAt(i) == ' ') i++;
      if (!list) break;
      if (i < v.length() && v.charAt(i) == ',') i++;
      else if (i >= v.length() || v.charAt(i) != ']') return Optional.empty();
    }
    String tail = v.substring(i).strip();
    return tail.isEmpty() || tail.startsWith("#") ? Optional.of(out) : Optional.empty();
  }
}
