package dev.berth.dockerfile;

import dev.berth.dockerfile.antlr.DockerfileLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Splits one logical line into keyword, flag words and argument text with the ANTLR grammar in
 * {@code grammar/}. One instance per parse (ANTLR recognizers are not thread-safe); the DFA cache is
 * shared, so each line costs a few token matches.
 */
final class LineSyntax {
  /** Character spans within the logical line; {@code argsStart == argsEnd} when there are none. */
  record Split(int keywordStart, int keywordEnd, List<int[]> flags, int argsStart, int argsEnd) {}

  private final DockerfileLexer lexer = new DockerfileLexer(new Utf16CharStream(""));
  private final dev.berth.dockerfile.antlr.DockerfileParser parser =
      new dev.berth.dockerfile.antlr.DockerfileParser(new CommonTokenStream(lexer));
  private String error;

  LineSyntax() {
    BaseErrorListener listener = new BaseErrorListener() {
      @Override
      public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg,
          RecognitionException e) {
        if (error == null) error = msg;
      }
    };
    lexer.removeErrorListeners();
    lexer.addErrorListener(listener);
    parser.removeErrorListeners();
    parser.addErrorListener(listener);
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setBuildParseTree(true);
  }

  /** Null when the line has no keyword (cannot happen for pre-lexed lines) or failed to lex. */
  Split split(String text, char escape) {
    error = null;
    lexer.setInputStream(new Utf16CharStream(text));
    lexer.setBacktickEscape(escape == '`');
    parser.setTokenStream(new CommonTokenStream(lexer));
    dev.berth.dockerfile.antlr.DockerfileParser.LineContext line = parser.line();
    if (error != null || line.KEYWORD() == null) return null;
    Token kw = line.KEYWORD().getSymbol();
    List<int[]> flags = new ArrayList<>();
    for (var f : line.flag()) {
      Token t = f.FLAG().getSymbol();
      flags.add(new int[] {t.getStartIndex(), t.getStopIndex() + 1});
    }
    int argsStart = text.length();
    int argsEnd = text.length();
    TerminalNode args = line.ARGS();
    if (args != null) {
      argsStart = args.getSymbol().getStartIndex();
      while (argsEnd > argsStart && PreLexer.isSpace(text.charAt(argsEnd - 1))) argsEnd--;
    }
    return new Split(kw.getStartIndex(), kw.getStopIndex() + 1, flags, argsStart, argsEnd);
  }
}
