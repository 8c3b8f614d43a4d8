/*
 * One logical line: keyword, flags, then the argument text. See DockerfileLexer.g4 for why the
 * heavy lifting (continuations, heredocs, directives) happens in the pre-lexer. The grammar is
 * LL(1) and unambiguous, so it runs in SLL mode without fallback.
 */
parser grammar DockerfileParser;

options { tokenVocab = DockerfileLexer; }

line : KEYWORD flag* END_OF_FLAGS? ARGS? EOF ;

flag : FLAG ;
