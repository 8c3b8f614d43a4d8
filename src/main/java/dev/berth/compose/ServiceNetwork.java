package dev.berth.compose;

import java.util.List;
import java.util.Optional;

/** A network a service joins (list or map form), with its aliases and static addresses. */
public record ServiceNetwork(Located<String> name, List<Located<String>> aliases,
    Optional<Located<String>> ipv4Address) {
  public ServiceNetwork {
    aliases = List.copyOf(aliases);
  }
}
