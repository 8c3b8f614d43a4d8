/*
 * Lexer for ONE logical Dockerfile line, the way BuildKit's splitCommand/extractBuilderFlags see it:
 *   KEYWORD  --flag=value --flag2 "..."  rest-of-line
 *
 * Why a pre-lexer (dev.berth.dockerfile.PreLexer) runs before this grammar:
 *  - the escape character is chosen by a parser directive (# escape=` for Windows) read first;
 *  - line continuations drop comment lines and blank lines *inside* the continuation (BuildKit does),
 *    and whether a line continues depends on the active escape character;
 *  - heredoc bodies (`RUN <<EOF`) are raw lines whose extent depends on the delimiters found by
 *    parsing the instruction line itself, only for RUN/COPY/ADD and only in shell form;
 *  - directives are only recognised at the very top of the file.
 * None of these is context-free, so the pre-lexer turns physical lines into logical lines (with a map
 * from every character back to its source offset) and this grammar splits one logical line into
 * keyword, flags and argument text. The two alternate line by line (DockerfileParser.java): only
 * after a line is split is it known whether heredoc bodies follow. Per-instruction argument syntax (JSON arrays, key=value pairs,
 * shell words) differs for each instruction and is decoded in Java (InstructionBuilder).
 *
 * The escape character changes how flag words end (`\ ` continues a word), so FLAGS has one mode per
 * escape character; the KEYWORD action picks the mode. No predicates: the lexer DFA stays cached.
 */
lexer grammar DockerfileLexer;

tokens { FLAG, END_OF_FLAGS, ARGS }

@members {
  private boolean backtick;

  /** Use '`' instead of '\\' as the escape character (from the escape directive). */
  public void setBacktickEscape(boolean backtick) {
    this.backtick = backtick;
  }
}

LEADING_WS : WS -> skip ;
KEYWORD : ~[ \t\r\n\f\u000B]+ { mode(backtick ? FLAGS_BT : FLAGS_BS); } ;

fragment WS : [ \t\r\n\f\u000B]+ ;

// Flags with '\' as the escape character.
mode FLAGS_BS;
BS_WS : WS -> skip ;
BS_END : '--' WS -> type(END_OF_FLAGS), mode(REST) ;
BS_FLAG : '--' ( '\\' . | '\\' EOF | '"' ( '\\' . | ~["\\] )* ( '"' | '\\'? EOF ) | '\'' ( '\\' . | ~['\\] )* ( '\'' | '\\'? EOF ) | ~[ \t\r\n\f\u000B"'\\] )* -> type(FLAG) ;
BS_ARGS : ( ~[ \t\r\n\f\u000B-] | '-' ~[-] | '-' EOF ) .*? EOF -> type(ARGS), mode(REST) ;

// Flags with '`' as the escape character (Windows Dockerfiles).
mode FLAGS_BT;
BT_WS : WS -> skip ;
BT_END : '--' WS -> type(END_OF_FLAGS), mode(REST) ;
BT_FLAG : '--' ( '`' . | '`' EOF | '"' ( '`' . | ~["`] )* ( '"' | '`'? EOF ) | '\'' ( '`' . | ~['`] )* ( '\'' | '`'? EOF ) | ~[ \t\r\n\f\u000B"'`] )* -> type(FLAG) ;
BT_ARGS : ( ~[ \t\r\n\f\u000B-] | '-' ~[-] | '-' EOF ) .*? EOF -> type(ARGS), mode(REST) ;

// Everything after the flags is the instruction's argument text.
mode REST;
REST_WS : WS -> skip ;
REST_ARGS : ~[ \t\r\n\f\u000B] .*? EOF -> type(ARGS) ;
