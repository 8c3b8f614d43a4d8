package dev.berth.image;

import dev.berth.dockerfile.ArgDecl;
import dev.berth.dockerfile.Command;
import dev.berth.dockerfile.Comment;
import dev.berth.dockerfile.Dockerfile;
import dev.berth.dockerfile.Flag;
import dev.berth.dockerfile.Heredoc;
import dev.berth.dockerfile.Instruction;
import dev.berth.dockerfile.KeyValue;
import dev.berth.dockerfile.Stage;
import dev.berth.dockerfile.Word;
import dev.berth.source.Range;
import dev.berth.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds Dockerfile model records from text for tests, until the real parser lands: one
 * instruction per logical line, backslash continuations joined, comments skipped, exec form for
 * simple JSON arrays, {@code <<EOF} heredocs on RUN/COPY. Not a Dockerfile parser.
 */
public final class TestDockerfiles {
  private TestDockerfiles() {}

  public static Dockerfile parse(String path, String text) {
    SourceFile src = new SourceFile(path, text);
    List<Instruction> all = new ArrayList<>();
    List<Instruction.Arg> meta = new ArrayList<>();
    List<Comment> comments = new ArrayList<>();
    int line = 1;
    while (line <= src.lineCount()) {
      String first = src.lineText(line);
      if (first.isBlank() || first.trim().startsWith("#")) {
        if (first.trim().startsWith("#")) comments.add(new Comment(first.trim().substring(1).trim(), src.lineRange(line)));
        line++;
        continue;
      }
      int startLine = line;
      StringBuilder joined = new StringBuilder();
      String cur = first;
      while (true) {
        String stripped = cur.replaceAll("\\s+$", "");
        if (stripped.endsWith("\\") && line < src.lineCount()) {
          joined.append(stripped, 0, stripped.length() - 1);
          line++;
          while (line <= src.lineCount() && src.lineText(line).trim().startsWith("#")) line++;
          if (line > src.lineCount()) {
            line = src.lineCount();
            break;
          }
          cur = src.lineText(line);
        } else {
          joined.append(cur);
          break;
        }
      }
      int endLine = line;
      line++;
      String logical = joined.toString();
      int kwStart = src.offset(startLine, 1) + (first.length() - first.stripLeading().length());
      Matcher m = Pattern.compile("^\\s*(\\S+)\\s*(.*)$", Pattern.DOTALL).matcher(logical);
      if (!m.matches()) continue;
      String kw = m.group(1);
      String rest = m.group(2);
      Range kwRange = src.range(kwStart, kwStart + kw.length());
      Word keyword = new Word(kw, kwRange);
      // Heredoc bodies follow the instruction line.
      List<Heredoc> heredocs = new ArrayList<>();
      Matcher hd = Pattern.compile("<<(-?)([\"']?)(\\w+)\\2").matcher(rest);
      if (hd.find() && (kw.equalsIgnoreCase("RUN") || kw.equalsIgnoreCase("COPY"))) {
        StringBuilder body = new StringBuilder();
        int bodyStart = line;
        while (line <= src.lineCount() && !src.lineText(line).equals(hd.group(3))) {
          body.append(src.lineText(line)).append('\n');
          line++;
        }
        heredocs.add(new Heredoc(hd.group(3), !hd.group(1).isEmpty(), hd.group(2).isEmpty(),
            body.toString(), new Range(path, bodyStart, 1, Math.max(bodyStart, line - 1), 1)));
        endLine = Math.min(line, src.lineCount());
        line++;
      }
      Range range = new Range(path, startLine, kwRange.startColumn(), endLine,
          src.lineText(endLine).length() + 1);
      int restOffset = src.offset(startLine, 1) + first.indexOf(kw) + kw.length();
      while (restOffset < src.text().length() && src.text().charAt(restOffset) == ' ') restOffset++;
      List<Flag> flags = new ArrayList<>();
      Matcher fm = Pattern.compile("^--([a-z-]+)(?:=(\\S+))?\\s*").matcher(rest);
      while (fm.find()) {
        flags.add(new Flag(fm.group(1), Optional.ofNullable(fm.group(2)), kwRange));
        rest = rest.substring(fm.end());
        restOffset += fm.end();
        fm = Pattern.compile("^--([a-z-]+)(?:=(\\S+))?\\s*").matcher(rest);
      }
      Range restRange = src.range(restOffset, Math.min(src.text().length(),
          src.offset(endLine, src.lineText(endLine).length() + 1)));
      Instruction ins = build(kw.toUpperCase(), keyword, flags, rest, restRange, range, heredocs, src, restOffset);
      if (ins instanceof Instruction.Arg a && all.stream().noneMatch(i -> i instanceof Instruction.From)) {
        meta.add(a);
      }
      all.add(ins);
    }
    List<Stage> stages = new ArrayList<>();
    Instruction.From from = null;
    List<Instruction> body = new ArrayList<>();
    for (Instruction i : all) {
      if (i instanceof Instruction.From f) {
        if (from != null) stages.add(new Stage(stages.size(), from, body));
        from = f;
        body = new ArrayList<>();
      } else if (from != null) {
        body.add(i);
      }
    }
    if (from != null) stages.add(new Stage(stages.size(), from, body));
    return new Dockerfile(src, List.of(), '\\', meta, all, stages, comments, List.of());
  }

  private static List<Word> words(String rest, SourceFile src, int offset) {
    List<Word> out = new ArrayList<>();
    Matcher m = Pattern.compile("\"[^\"]*\"|\\S+").matcher(rest);
    while (m.find()) {
      int s = offset + m.start();
      out.add(new Word(m.group(), src.range(s, Math.min(src.text().length(), offset + m.end()))));
    }
    return out;
  }

  private static Command command(String rest, Range restRange, SourceFile src, int offset) {
    String t = rest.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      List<Word> args = new ArrayList<>();
      Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(t);
      int base = offset + rest.indexOf('[');
      while (m.find()) {
        args.add(new Word(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"),
            src.range(base + m.start(), base + m.end())));
      }
      return new Command.ExecForm(args, restRange);
    }
    return new Command.ShellForm(rest, restRange);
  }

  private static Instruction build(String kw, Word keyword, List<Flag> flags, String rest,
      Range restRange, Range range, List<Heredoc> heredocs, SourceFile src, int offset) {
    List<Word> ws = words(rest, src, offset);
    switch (kw) {
      case "FROM": {
        Optional<Word> as = ws.size() >= 3 ? Optional.of(ws.get(1)) : Optional.empty();
        Optional<Word> name = ws.size() >= 3 ? Optional.of(ws.get(2)) : Optional.empty();
        return new Instruction.From(keyword, flags, ws.get(0), as, name, range);
      }
      case "RUN":
        return new Instruction.Run(keyword, flags, command(rest, restRange, src, offset), heredocs,
            List.of(), range);
      case "COPY":
      case "ADD": {
        List<Word> srcs;
        Word dest;
        boolean json = rest.trim().startsWith("[");
        if (json) {
          Command.ExecForm ef = (Command.ExecForm) command(rest, restRange, src, offset);
          srcs = ef.args().subList(0, ef.args().size() - 1);
          dest = ef.args().get(ef.args().size() - 1);
        } else {
          List<Word> nonHeredoc = ws.stream().filter(w -> !w.text().startsWith("<<")).toList();
          srcs = nonHeredoc.subList(0, nonHeredoc.size() - 1);
          dest = nonHeredoc.get(nonHeredoc.size() - 1);
        }
        return kw.equals("COPY")
            ? new Instruction.Copy(keyword, flags, srcs, dest, heredocs, json, range)
            : new Instruction.Add(keyword, flags, srcs, dest, heredocs, json, range);
      }
      case "USER":
        return new Instruction.User(keyword, flags, ws.get(0), range);
      case "WORKDIR":
        return new Instruction.Workdir(keyword, flags, ws.get(0), range);
      case "ENV": {
        List<KeyValue> pairs = new ArrayList<>();
        boolean legacy = !ws.get(0).text().contains("=");
        if (legacy) {
          Word k = ws.get(0);
          String v = rest.substring(rest.indexOf(k.text()) + k.text().length()).trim();
          pairs.add(new KeyValue(k, new Word(v, restRange), restRange));
        } else {
          for (Word w : ws) {
            int eq = w.text().indexOf('=');
            pairs.add(new KeyValue(new Word(w.text().substring(0, eq), w.range()),
                new Word(w.text().substring(eq + 1), w.range()), w.range()));
          }
        }
        return new Instruction.Env(keyword, flags, pairs, legacy, range);
      }
      case "ARG": {
        List<ArgDecl> decls = new ArrayList<>();
        for (Word w : ws) {
          int eq = w.text().indexOf('=');
          decls.add(eq < 0 ? new ArgDecl(w, Optional.empty(), w.range())
              : new ArgDecl(new Word(w.text().substring(0, eq), w.range()),
                  Optional.of(new Word(w.text().substring(eq + 1), w.range())), w.range()));
        }
        return new Instruction.Arg(keyword, flags, decls, range);
      }
      case "VOLUME": {
        boolean json = rest.trim().startsWith("[");
        List<Word> paths = json ? ((Command.ExecForm) command(rest, restRange, src, offset)).args() : ws;
        return new Instruction.Volume(keyword, flags, paths, json, range);
      }
      case "CMD":
        return new Instruction.Cmd(keyword, flags, command(rest, restRange, src, offset), range);
      case "ENTRYPOINT":
        return new Instruction.Entrypoint(keyword, flags, command(rest, restRange, src, offset), range);
      case "EXPOSE":
        return new Instruction.Expose(keyword, flags, ws, range);
      case "SHELL":
        return new Instruction.Shell(keyword, flags,
            ((Command.ExecForm) command(rest, restRange, src, offset)).args(), range);
      default:
        return new Instruction.Label(keyword, flags, List.of(), false, range);
    }
  }
}
