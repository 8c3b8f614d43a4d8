package dev.berth.dockerfile;

import dev.berth.source.Diagnostic;
import dev.berth.source.Range;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plain-text dump of a parsed Dockerfile, one line per item, for golden tests and
 * {@code berth debug model}. Ranges print as {@code line:col-line:col} (end column exclusive);
 * words as {@code "text"@range}.
 */
public final class ModelDump {
  private ModelDump() {}

  public static String dump(Dockerfile d) {
    StringBuilder b = new StringBuilder();
    b.append("escape ").append(d.escape()).append('\n');
    for (Directive x : d.directives()) {
      b.append("directive ").append(r(x.range())).append(' ').append(x.name()).append('=')
          .append(q(x.value())).append('\n');
    }
    for (Comment c : d.comments()) {
      b.append("comment ").append(r(c.range())).append(' ').append(q(c.text())).append('\n');
    }
    for (Instruction i : d.instructions()) b.append(instruction(i)).append('\n');
    for (Stage s : d.stages()) {
      b.append("stage ").append(s.index()).append(' ').append(s.reference()).append(" from ")
          .append(r(s.from().range())).append(" instructions=").append(s.instructions().size())
          .append('\n');
    }
    for (Instruction.Arg a : d.metaArgs()) {
      b.append("meta-arg ").append(r(a.range())).append('\n');
    }
    for (Diagnostic x : d.diagnostics()) {
      b.append("error ").append(r(x.range())).append(' ').append(x.message()).append('\n');
    }
    return b.toString();
  }

  public static String instruction(Instruction i) {
    StringBuilder b = new StringBuilder();
    b.append(r(i.range())).append(' ').append(w(i.keyword()));
    for (Flag f : i.flags()) {
      b.append(" flag(").append(f.name());
      f.value().ifPresent(v -> b.append('=').append(q(v)));
      b.append(")@").append(r(f.range()));
    }
    if (i instanceof Instruction.From) {
      Instruction.From x = (Instruction.From) i;
      b.append(" image=").append(w(x.image()));
      x.asKeyword().ifPresent(a -> b.append(" as=").append(w(a)));
      x.stageName().ifPresent(n -> b.append(" name=").append(w(n)));
    } else if (i instanceof Instruction.Run) {
      Instruction.Run x = (Instruction.Run) i;
      b.append(" cmd=").append(command(x.command()));
      for (Mount m : x.mounts()) b.append(" mount(").append(mount(m)).append(')');
      heredocs(b, x.heredocs());
    } else if (i instanceof Instruction.FileTransfer) {
      Instruction.FileTransfer x = (Instruction.FileTransfer) i;
      if (x.json()) b.append(" json");
      b.append(" sources=").append(words(x.sources())).append(" dest=").append(w(x.destination()));
      heredocs(b, x.heredocs());
    } else if (i instanceof Instruction.Env) {
      Instruction.Env x = (Instruction.Env) i;
      if (x.legacy()) b.append(" legacy");
      b.append(" pairs=").append(pairs(x.pairs()));
    } else if (i instanceof Instruction.Label) {
      Instruction.Label x = (Instruction.Label) i;
      if (x.legacy()) b.append(" legacy");
      b.append(" pairs=").append(pairs(x.pairs()));
    } else if (i instanceof Instruction.Arg) {
      Instruction.Arg x = (Instruction.Arg) i;
      b.append(" decls=[").append(x.declarations().stream()
          .map(a -> w(a.name()) + a.defaultValue().map(v -> "=" + w(v)).orElse(""))
          .collect(Collectors.joining(", "))).append(']');
    } else if (i instanceof Instruction.Expose) {
      b.append(" ports=").append(words(((Instruction.Expose) i).ports()));
    } else if (i instanceof Instruction.User) {
      b.append(" user=").append(w(((Instruction.User) i).user()));
    } else if (i instanceof Instruction.Workdir) {
      b.append(" path=").append(w(((Instruction.Workdir) i).path()));
    } else if (i instanceof Instruction.Volume) {
      Instruction.Volume x = (Instruction.Volume) i;
      if (x.json()) b.append(" json");
      b.append(" paths=").append(words(x.paths()));
    } else if (i instanceof Instruction.Entrypoint) {
      b.append(" cmd=").append(command(((Instruction.Entrypoint) i).command()));
    } else if (i instanceof Instruction.Cmd) {
      b.append(" cmd=").append(command(((Instruction.Cmd) i).command()));
    } else if (i instanceof Instruction.Shell) {
      b.append(" args=").append(words(((Instruction.Shell) i).args()));
    } else if (i instanceof Instruction.Healthcheck) {
      Instruction.Healthcheck x = (Instruction.Healthcheck) i;
      b.append(x.command().map(c -> " cmd=" + command(c)).orElse(" NONE"));
    } else if (i instanceof Instruction.StopSignal) {
      b.append(" signal=").append(w(((Instruction.StopSignal) i).signal()));
    } else if (i instanceof Instruction.OnBuild) {
      b.append(" trigger={").append(instruction(((Instruction.OnBuild) i).trigger())).append('}');
    } else if (i instanceof Instruction.Maintainer) {
      b.append(" text=").append(w(((Instruction.Maintainer) i).text()));
    }
    return b.toString();
  }

  private static void heredocs(StringBuilder b, List<Heredoc> hs) {
    for (Heredoc h : hs) {
      b.append(" heredoc(").append(h.delimiter());
      if (h.stripTabs()) b.append(" chomp");
      if (!h.expand()) b.append(" noexpand");
      b.append(' ').append(q(h.body())).append(")@").append(r(h.range()));
    }
  }

  private static String mount(Mount m) {
    StringBuilder b = new StringBuilder("type=" + m.type());
    for (Map.Entry<String, String> e : m.options().entrySet()) {
      b.append(',').append(e.getKey()).append('=').append(q(e.getValue()));
    }
    return b.toString();
  }

  private static String command(Command c) {
    if (c instanceof Command.ExecForm) {
      return "exec" + words(((Command.ExecForm) c).args()) + "@" + r(c.range());
    }
    return "shell" + q(((Command.ShellForm) c).script()) + "@" + r(c.range());
  }

  private static String pairs(List<KeyValue> kvs) {
    return "[" + kvs.stream().map(kv -> w(kv.key()) + "=" + w(kv.value()))
        .collect(Collectors.joining(", ")) + "]";
  }

  private static String words(List<Word> ws) {
    return "[" + ws.stream().map(ModelDump::w).collect(Collectors.joining(", ")) + "]";
  }

  static String w(Word w) {
    return q(w.text()) + "@" + r(w.range());
  }

  public static String r(Range r) {
    return r.startLine() + ":" + r.startColumn() + "-" + r.endLine() + ":" + r.endColumn();
  }

  static String q(String s) {
    return ArgText.quote(s);
  }
}
