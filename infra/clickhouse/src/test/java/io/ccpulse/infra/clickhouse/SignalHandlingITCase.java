package io.ccpulse.infra.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccpulse.infra.clickhouse.engine.ChdbEngine;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chDB replaces the JVM's SIGSEGV/SIGBUS/SIGILL/SIGFPE handlers; without protection the next
 * implicit null check or stack overflow hangs the JVM. Two protections, each checked on its own
 * here: the shim restoring the handlers after every call, and libjsig (LD_PRELOAD, as ChdbProcess
 * starts the server).
 */
class SignalHandlingITCase {

  @TempDir Path temp;

  @Test
  void jvmSurvivesNullChecksAndStackOverflowsWithTheShimAlone() throws Exception {
    assertThat(runProbe(false, temp.resolve("a"))).isEqualTo(0);
  }

  @Test
  void jvmSurvivesThemWithLibjsigPreloaded() throws Exception {
    assertThat(runProbe(true, temp.resolve("b"))).isEqualTo(0);
  }

  private static int runProbe(boolean libjsig, Path dataDir) throws Exception {
    Path javaHome = Paths.get(System.getProperty("java.home"));
    String classpath =
        location(SignalProbe.class) + File.pathSeparator + location(ChdbEngine.class);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    javaHome.resolve("bin/java").toString(),
                    "-Xmx256m",
                    "-cp",
                    classpath,
                    SignalProbe.class.getName(),
                    ChdbProcess.ensureLibrary().toString(),
                    dataDir.toString()))
            .redirectErrorStream(true);
    builder.environment().remove("LD_PRELOAD");
    if (libjsig) {
      builder.environment().put("LD_PRELOAD", javaHome.resolve("lib/libjsig.so").toString());
    }
    Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the probe JVM hung (signal handlers lost?)");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).contains("OK");
    return process.exitValue();
  }

  private static String location(Class<?> type) throws Exception {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
