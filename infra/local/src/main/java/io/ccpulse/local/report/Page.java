package io.ccpulse.local.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page of the report and of the live page: page.html with Apache ECharts (from its WebJar on
 * the classpath) and page.js inlined, so it needs nothing from the network.
 */
final class Page {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOKEN = Pattern.compile("@@[A-Z_]+@@");

  private Page() {}

  /** The report: the model inlined, opens offline. */
  static String report(JsonNode model) {
    return page(model.path("title").asText(), json(model), "", Duration.ZERO);
  }

  /**
   * The live page: fetches its model from {@code dataPath} on its own origin every {@code refresh}.
   */
  static String live(String dataPath, Duration refresh) {
    return page("ccpulse · live queue health", "null", dataPath, refresh);
  }

  static String json(JsonNode model) {
    try {
      // Inside a script element "</" would end it; "<\/" is the same JSON.
      return JSON.writeValueAsString(model).replace("</", "<\\/");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String page(String title, String model, String live, Duration refresh) {
    return fill(
        resource("/ccpulse/report/page.html"),
        "@@TITLE@@",
        title.replace("&", "&amp;").replace("<", "&lt;"),
        "@@LIVE@@",
        live,
        "@@REFRESH_MS@@",
        Long.toString(refresh.toMillis()),
        "@@PAGE_JS@@",
        resource("/ccpulse/report/page.js"),
        "@@MODEL@@",
        model,
        "@@ECHARTS@@",
        echarts());
  }

  /** Replaces the template's tokens in one pass: text put in is never searched again. */
  private static String fill(String template, String... pairs) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put(pairs[i], pairs[i + 1]);
    }
    Matcher m = TOKEN.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group());
      if (value == null) {
        throw new IllegalStateException("no value for " + m.group() + " in the page template");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** ECharts' own build (line charts, mark lines and areas, legends), from the WebJar. */
  private static String echarts() {
    Properties pom = new Properties();
    try (InputStream in =
        Page.class.getResourceAsStream("/META-INF/maven/org.webjars/echarts/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "the ECharts WebJar (org.webjars:echarts) is not on the classpath");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return resource(
        "/META-INF/resources/webjars/echarts/"
            + pom.getProperty("version")
            + "/echarts.common.min.js");
  }

  private static String resource(String name) {
    try (InputStream in = Page.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("not on the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
