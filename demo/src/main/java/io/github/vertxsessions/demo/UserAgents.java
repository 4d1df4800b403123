package io.github.vertxsessions.demo;

import java.util.List;
import java.util.Locale;

/**
 * A short, human description of the browser that logged in ("Firefox on Linux"), from its User-Agent header, for the
 * list of a user's sessions. A rough guess, good enough to tell a laptop from a phone; never more than
 * {@link #MAX_LENGTH} characters, and made only of printable characters, whatever the header holds.
 */
final class UserAgents {

  static final int MAX_LENGTH = 64;
  static final String UNKNOWN = "Unknown browser";

  private record Token(String marker, String name) {
  }

  /** First match wins: Edge and Opera also say Chrome, Chrome also says Safari. */
  private static final List<Token> BROWSERS = List.of(
    new Token("edg/", "Edge"), new Token("edga/", "Edge"), new Token("edgios/", "Edge"),
    new Token("opr/", "Opera"), new Token("samsungbrowser/", "Samsung Internet"),
    new Token("firefox/", "Firefox"), new Token("fxios/", "Firefox"),
    new Token("headlesschrome/", "Headless Chrome"), new Token("chrome/", "Chrome"), new Token("crios/", "Chrome"),
    new Token("version/", "Safari"));
  private static final List<Token> SYSTEMS = List.of(
    new Token("windows", "Windows"), new Token("android", "Android"), new Token("iphone", "iOS"),
    new Token("ipad", "iPadOS"), new Token("cros", "ChromeOS"), new Token("mac os x", "macOS"),
    new Token("linux", "Linux"));

  private UserAgents() {
  }

  /**
   * @param userAgent the User-Agent header, or null
   * @return "Browser on System", "Browser", the client's first product name (curl, say) or {@value #UNKNOWN}
   */
  static String describe(String userAgent) {
    String header = userAgent == null ? "" : printable(userAgent).strip();
    if (header.isEmpty()) {
      return UNKNOWN;
    }
    String lower = header.toLowerCase(Locale.ROOT);
    String browser = find(BROWSERS, lower);
    if (browser == null) {
      return shortened(firstProduct(header));
    }
    String system = find(SYSTEMS, lower);
    return system == null ? browser : browser + " on " + system;
  }

  private static String find(List<Token> tokens, String lowerCaseHeader) {
    for (Token token : tokens) {
      if (lowerCaseHeader.contains(token.marker())) {
        return token.name();
      }
    }
    return null;
  }

  /** "curl/8.5.0" → "curl"; "Vert.x-WebClient/5.0.10" → "Vert.x-WebClient". */
  private static String firstProduct(String header) {
    int end = header.length();
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '/' || c == ' ' || c == '(') {
        end = i;
        break;
      }
    }
    return end == 0 ? UNKNOWN : header.substring(0, end);
  }

  private static String shortened(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
  }

  /** Control characters and the like become spaces: the description is shown to the user. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), 512));
    for (int i = 0; i < text.length() && i < 512; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : ' ');
    }
    return out.toString();
  }
}
