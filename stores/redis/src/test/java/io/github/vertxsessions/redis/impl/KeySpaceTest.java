package io.github.vertxsessions.redis.impl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeySpaceTest {

  @Test
  void globMetacharactersAreEscaped() {
    assertEquals("sess:", KeySpace.escapeGlob("sess:"));
    assertEquals("a\\*b\\?c\\[d\\]e\\\\f", KeySpace.escapeGlob("a*b?c[d]e\\f"));
  }
}
