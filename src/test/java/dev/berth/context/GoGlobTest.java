package dev.berth.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoGlobTest {
  /** Rows from Go's path/filepath matchTests (pattern, name, match, valid). */
  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource(delimiter = ' ', value = {
      "abc abc true true",
      "* abc true true",
      "*c abc true true",
      "a* a true true",
      "a* abc true true",
      "a* ab/c false true",
      "a*/b abc/b true true",
      "a*/b a/c/b false true",
      "a*b*c*d*e*/f axbxcxdxe/f true true",
      "a*b*c*d*e*/f axbxcxdxexxx/f true true",
      "a*b*c*d*e*/f axbxcxdxe/xxx/f false true",
      "a*b?c*x abxbbxdbxebxczzx true true",
      "a*b?c*x abxbbxdbxebxczzy false true",
      "ab[c] abc true true",
      "ab[b-d] abc true true",
      "ab[e-g] abc false true",
      "ab[^c] abc false true",
      "ab[^b-d] abc false true",
      "ab[^e-g] abc true true",
      "a\\*b a*b true true",
      "a\\*b ab false true",
      "a?b a☺b true true",
      "a[^a]b a☺b true true",
      "a???b a☺b false true",
      "a[^a][^a][^a]b a☺b false true",
      "[a-ζ]* α true true",
      "*[a-ζ] A false true",
      "a?b a/b false true",
      "a*b a/b false true",
      "[\\]a] ] true true",
      "[\\-] - true true",
      "[x\\-] x true true",
      "[x\\-] - true true",
      "[x\\-] z false true",
      "[\\-x] x true true",
      "[\\-x] a false true",
      "[]a] ] false false",
      "[-] - false false",
      "[x-] x false false",
      "[-x] x false false",
      "\\ a false false",
      "[a-b-c] a false false",
      "[ a false false",
      "[^ a false false",
      "[^bc a false false",
      "a[ a false false",
      "a[ ab false false",
      "a* a/ false true",
      "*x xxx true true",
  })
  void matchesLikeGo(String pattern, String name, boolean match, boolean valid) {
    assertEquals(match, GoGlob.match(pattern, name));
    assertEquals(valid, GoGlob.isValid(pattern));
  }
}
