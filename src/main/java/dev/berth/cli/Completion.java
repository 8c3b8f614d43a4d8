package dev.berth.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code berth completion bash|zsh|fish}: a completion script for the shell, written from the
 * option table the parser reads ({@link Options#completed()}), so the two never drift apart.
 * Option values complete from what berth accepts (formats, levels, rule ids); file and directory
 * options complete paths. Install: {@code berth completion bash > ~/.local/share/bash-completion/
 * completions/berth}, {@code berth completion zsh > "${fpath[1]}/_berth"}, {@code berth
 * completion fish > ~/.config/fish/completions/berth.fish}.
 */
final class Completion {
  static final List<String> SHELLS = List.of("bash", "zsh", "fish");
  static final List<String> SUBCOMMANDS = List.of("graph", "completion");

  /** What completes an option's value: fixed words, or (empty) a path. */
  private record Values(Optional<List<String>> words, boolean directory) {}

  private final List<Options.Completed> options;
  private final Map<String, Values> values;

  private Completion(List<String> ruleIds) {
    this.options = Options.completed();
    List<String> formats = java.util.Arrays.stream(Main.Format.values())
        .map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).toList();
    this.values = Map.of(
        "FORMAT", new Values(Optional.of(concat(formats, List.of("mermaid", "dot", "html"))), false),
        "LEVEL", new Values(Optional.of(List.of("error", "warning", "note", "none")), false),
        "RULE", new Values(Optional.of(ruleIds), false),
        "CATEGORY", new Values(Optional.of(List.of()), false),
        "DIR", new Values(Optional.empty(), true));
  }

  /** The script for {@code shell}, or empty for a shell berth has none for. */
  static Optional<String> script(String shell, List<String> ruleIds) {
    Completion c = new Completion(ruleIds);
    return switch (shell) {
      case "bash" -> Optional.of(c.bash());
      case "zsh" -> Optional.of(c.zsh());
      case "fish" -> Optional.of(c.fish());
      default -> Optional.empty();
    };
  }

  private Values valuesOf(String label) {
    return values.getOrDefault(label, new Values(Optional.empty(), false));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String names(Options.Completed o) {
    return o.shortName() == 0 ? o.longName() : o.longName() + "|-" + o.shortName();
  }

  private String bash() {
    StringBuilder cases = new StringBuilder();
    for (Options.Completed o : options) {
      if (o.label() == null) continue;
      Values v = valuesOf(o.label());
      String reply = v.words().map(w -> "COMPREPLY=($(compgen -W \"" + String.join(" ", w)
          + "\" -- \"$cur\"))").orElse(v.directory() ? "COMPREPLY=($(compgen -d -- \"$cur\"))"
          : "COMPREPLY=($(compgen -f -- \"$cur\"))");
      cases.append("    ").append(names(o)).append(") ").append(reply).append("; return ;;\n");
    }
    String all = options.stream().flatMap(o -> o.shortName() == 0 ? java.util.stream.Stream.of(
        o.longName()) : java.util.stream.Stream.of(o.longName(), "-" + o.shortName()))
        .collect(Collectors.joining(" "));
    return """
        # bash completion for berth (written by `berth completion bash`)
        _berth() {
          local cur prev
          cur="${COMP_WORDS[COMP_CWORD]}"
          prev="${COMP_WORDS[COMP_CWORD-1]}"
          # --format=sa: bash splits at '=', so the option is two words back
          if [[ "$cur" == "=" ]]; then cur=""; fi
          if [[ "$prev" == "=" && $COMP_CWORD -ge 2 ]]; then prev="${COMP_WORDS[COMP_CWORD-2]}"; fi
          if [[ $COMP_CWORD -ge 2 && "${COMP_WORDS[1]}" == completion ]]; then
            COMPREPLY=($(compgen -W "%s" -- "$cur")); return
          fi
          case "$prev" in
        %s  esac
          if [[ "$cur" == -* ]]; then
            COMPREPLY=($(compgen -W "%s" -- "$cur")); return
          fi
          if [[ $COMP_CWORD -eq 1 ]]; then
            COMPREPLY=($(compgen -W "%s" -- "$cur") $(compgen -f -- "$cur")); return
          fi
          COMPREPLY=($(compgen -f -- "$cur"))
        }
        complete -o filenames -F _berth berth
        """.formatted(String.join(" ", SHELLS), cases, all, String.join(" ", SUBCOMMANDS));
  }

  private String zsh() {
    StringBuilder specs = new StringBuilder();
    for (Options.Completed o : options) {
      String action = "";
      if (o.label() != null) {
        Values v = valuesOf(o.label());
        action = ":" + o.label().toLowerCase(java.util.Locale.ROOT) + ":" + v.words()
            .map(w -> "(" + String.join(" ", w) + ")").orElse(v.directory() ? "_files -/" : "_files");
      }
      String repeat = o.longName().equals("--file") || o.longName().equals("--env-file") ? "*" : "";
      if (o.shortName() != 0) {
        specs.append("    '").append(repeat).append("-").append(o.shortName()).append(action)
            .append("' \\\n");
      }
      String eq = o.label() != null ? "=" : "";
      specs.append("    '").append(repeat).append(o.longName()).append(eq).append(action)
          .append("' \\\n");
    }
    return """
        #compdef berth
        # zsh completion for berth (written by `berth completion zsh`)
        if [[ $words[2] == completion ]]; then
          _values shell %s
          return
        fi
        _arguments -s \\
        %s    '1:: :(%s)' \\
            '*:path:_files'
        """.formatted(String.join(" ", SHELLS), specs, String.join(" ", SUBCOMMANDS));
  }

  private String fish() {
    StringBuilder lines = new StringBuilder();
    lines.append("# fish completion for berth (written by `berth completion fish`)\n");
    lines.append("complete -c berth -n __fish_use_subcommand -a '")
        .append(String.join(" ", SUBCOMMANDS)).append("'\n");
    lines.append("complete -c berth -n '__fish_seen_subcommand_from completion' -x -a '")
        .append(String.join(" ", SHELLS)).append("'\n");
    for (Options.Completed o : options) {
      StringBuilder l = new StringBuilder("complete -c berth -l ").append(o.longName().substring(2));
      if (o.shortName() != 0) l.append(" -s ").append(o.shortName());
      if (o.label() != null) {
        Values v = valuesOf(o.label());
        if (v.words().isPresent()) {
          l.append(" -x -a '").append(String.join(" ", v.words().get())).append("'");
        } else if (v.directory()) {
          l.append(" -x -a '(__fish_complete_directories)'");
        } else {
          l.append(" -r -F");
        }
      }
      lines.append(l).append('\n');
    }
    return lines.toString();
  }
}
