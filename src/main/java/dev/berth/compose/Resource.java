package dev.berth.compose;

import dev.berth.compose.yaml.YamlNode;
import java.util.Optional;

/**
 * A top-level volume, network, secret or config definition.
 *
 * @param name the key, with its range
 * @param externalName the {@code name:} attribute when set
 * @param file for secrets/configs with {@code file:}: root-relative path as rewritten
 * @param definition the merged definition (a null scalar for {@code name:} with no body)
 */
public record Resource(Located<String> name, boolean external, Optional<Located<String>> externalName,
    Optional<Located<String>> driver, Optional<Located<String>> file, YamlNode definition) {}
