package dev.berth.dockerfile;

import static dev.berth.dockerfile.ParserTestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heredoc delimiter rules, cases as in BuildKit's parser heredoc test table. */
class HeredocTableTest {
  @Test
  void delimitersQuotingAndBodies() {
    Dockerfile d = parse(String.join("\n",
        "FROM alpine",
        "USER <<NOTHERE",
        "RUN <<EMPTY", "EMPTY",
        "RUN 3<<FD", "FD",
        "RUN \"<<NOHEREDOC\"",
        "RUN <<-UNINDENT", "\tbaz", "\tUNINDENT",
        "RUN <<-'NOEXPAND'", "\t$NAME", "NOEXPAND",
        "COPY <<F1 <<F2 /dest", "one", "F1", "two", "F2",
        "COPY <<X <<Y /dest", "Y", "X", "X", "Y",
        "RUN <<eo'f'", "echo", "eof",
        "RUN <<eo\\'f", "echo", "eo'f",
        "RUN <<'one two'", "bar", "one two",
        "RUN <<$EOF", "$EOF",
        "RUN <<  EOF  > foo", "EOF",
        ""));
    List<String> seen = new ArrayList<>();
    for (Instruction i : d.instructions()) {
      List<Heredoc> hs = i instanceof Instruction.Run ? ((Instruction.Run) i).heredocs()
          : i instanceof Instruction.FileTransfer ? ((Instruction.FileTransfer) i).heredocs()
          : List.of();
      for (Heredoc h : hs) {
        seen.add(h.delimiter() + (h.expand() ? "" : " noexpand") + (h.stripTabs() ? " chomp" : "")
            + " " + ModelDump.q(h.body()));
      }
    }
    assertEquals(List.of(
        "EMPTY \"\"",
        "FD \"\"",
        "UNINDENT chomp \"baz\\n\"",
        "NOEXPAND noexpand chomp \"$NAME\\n\"",
        "F1 \"one\\n\"",
        "F2 \"two\\n\"",
        "X \"Y\\n\"",
        "Y \"X\\n\"",
        "eof noexpand \"echo\\n\"",
        "eo'f \"echo\\n\"",
        "one two noexpand \"bar\\n\"",
        "$EOF \"\"",
        "EOF \"\""), seen);
    // USER does not take heredocs: the marker is just its argument.
    ParserTestSupport.assertNoErrors(d);
    assertEquals("<<NOTHERE", ParserTestSupport.only(d, Instruction.User.class).user().text());
  }
}
