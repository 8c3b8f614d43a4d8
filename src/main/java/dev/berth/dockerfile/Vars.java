package dev.berth.dockerfile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Variables visible to an expansion. Three states, because "unknown is an answer": a variable is
 * <em>set</em> (value known), <em>declared but unknown</em> (e.g. {@code ARG VERSION} without a
 * default: a build arg may supply any value), or <em>unset</em> (not declared: BuildKit expands it to
 * the empty string).
 */
public final class Vars {
  private static final Vars EMPTY = new Vars(Map.of(), false);

  /** Value, or {@code Optional.empty()} for declared-but-unknown. Insertion-ordered. */
  private final Map<String, Optional<String>> values;
  /** True when names not listed may still be set by something berth cannot see (a base image). */
  private final boolean openWorld;

  private Vars(Map<String, Optional<String>> values, boolean openWorld) {
    this.values = Collections.unmodifiableMap(values);
    this.openWorld = openWorld;
  }

  private Vars(Map<String, Optional<String>> values) {
    this(values, false);
  }

  /**
   * A copy where names not listed are unknown rather than unset: for stages built on an image whose
   * environment berth does not know ({@code ENV PATH=/x:$PATH}).
   */
  public Vars openWorld(boolean open) {
    return new Vars(values, open);
  }

  public boolean isOpenWorld() {
    return openWorld;
  }

  public static Vars empty() {
    return EMPTY;
  }

  /** All values known. */
  public static Vars of(Map<String, String> known) {
    Map<String, Optional<String>> m = new LinkedHashMap<>();
    known.forEach((k, v) -> m.put(k, Optional.of(v)));
    return new Vars(m);
  }

  /** Known values plus names declared with unknown values. */
  public static Vars of(Map<String, String> known, Set<String> unknown) {
    Map<String, Optional<String>> m = new LinkedHashMap<>();
    known.forEach((k, v) -> m.put(k, Optional.of(v)));
    unknown.forEach(k -> m.put(k, Optional.empty()));
    return new Vars(m);
  }

  static Vars ofOptional(Map<String, Optional<String>> values) {
    return new Vars(new LinkedHashMap<>(values));
  }

  /**
   * Variables whose map the caller keeps filling (it must not hand the view out before it is
   * done): building a scope of thousands of ARGs with {@link #with} copies the map per ARG.
   */
  static Vars view(Map<String, Optional<String>> values) {
    return new Vars(values);
  }

  /** Names declared (known or unknown values). */
  public int size() {
    return values.size();
  }

  /** A copy with {@code name} set ({@code Optional.empty()} = declared but unknown). */
  public Vars with(String name, Optional<String> value) {
    Map<String, Optional<String>> m = new LinkedHashMap<>(values);
    m.remove(name);
    m.put(name, value);
    return new Vars(m, openWorld);
  }

  /** Declared (known or unknown value), or possibly set by an unknown base image. */
  public boolean isSet(String name) {
    return openWorld || values.containsKey(name);
  }

  public boolean isUnknown(String name) {
    Optional<String> v = values.get(name);
    return v == null ? openWorld : v.isEmpty();
  }

  /** Empty when unset or unknown; see {@link #isSet} and {@link #isUnknown}. */
  public Optional<String> value(String name) {
    Optional<String> v = values.get(name);
    return v == null ? Optional.empty() : v;
  }

  public Map<String, Optional<String>> asMap() {
    return values;
  }

  @Override
  public String toString() {
    return (openWorld ? "open" : "") + values;
  }
}
