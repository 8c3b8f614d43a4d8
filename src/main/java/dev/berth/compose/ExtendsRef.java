package dev.berth.compose;

import java.util.Optional;

/**
 * A service's {@code extends}, kept after resolution so rules can see what was referenced.
 *
 * @param file root-relative file when another file is referenced
 * @param resolved false when the base service was not found (Compose would refuse the project)
 */
public record ExtendsRef(Located<String> service, Optional<Located<String>> file, boolean resolved) {}
