package dev.jirasdk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the allowed dependencies of docs/ARCHITECTURE (auth-core -> okhttp, moshi, failsafe, slf4j;
 * sync-core -> + auth-core; store-sqlite -> + sync-core, sqlite-jdbc, HikariCP; testkit -> no SDK module),
 * the internal-package boundary, and the library hygiene rules (no java.util.logging, no standard streams,
 * no environment variables).
 */
class ModuleBoundariesTest {
  private static final String AUTH = "dev.jirasdk.auth..";
  /** The typed Jira API, shipped in jira-auth-core beside {@link #AUTH}. */
  private static final String JIRA = "dev.jirasdk.jira..";
  private static final String SYNC = "dev.jirasdk.sync..";
  private static final String STORE = "dev.jirasdk.store.sqlite..";
  private static final String TESTKIT = "dev.jirasdk.testkit..";
  private static final String DEMO = "dev.jirasdk.demo..";
  private static final String METRICS = "dev.jirasdk.micrometer..";
  private static final String[] LIBRARIES = {AUTH, JIRA, SYNC, STORE, TESTKIT, METRICS};
  private static final String[] JDK = {"java..", "javax.crypto..", "javax.net..", "javax.security.."};
  private static final String[] HTTP_JSON = {"okhttp3..", "okio..", "com.squareup.moshi..", "kotlin.."};

  private static JavaClasses sdk;

  @BeforeAll
  static void importSdk() {
    sdk = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.jirasdk");
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }

  @Test
  void everyModuleIsImported() {
    for (String p : new String[] {"dev.jirasdk.auth", "dev.jirasdk.jira", "dev.jirasdk.sync", "dev.jirasdk.store.sqlite",
        "dev.jirasdk.testkit", "dev.jirasdk.demo", "dev.jirasdk.micrometer"}) {
      if (sdk.stream().noneMatch(c -> c.getPackageName().startsWith(p))) {
        throw new AssertionError("no classes imported from " + p + ": the rules below would pass vacuously");
      }
    }
  }

  @Test
  void authCoreDependsOnlyOnOkHttpMoshiFailsafeAndSlf4j() {
    classes().that().resideInAPackage(AUTH)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {AUTH, "dev.failsafe..", "org.slf4j.."}, JDK, HTTP_JSON))
        .check(sdk);
  }

  @Test
  void theTypedApiBuildsOnlyOnTheAuthCoreClientAndMoshi() {
    classes().that().resideInAPackage(JIRA)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {JIRA, AUTH}, JDK, HTTP_JSON))
        .check(sdk);
  }

  @Test
  void theClientKnowsNothingOfTheTypedApiOnTopOfIt() {
    noClasses().that().resideInAPackage(AUTH).should().dependOnClassesThat().resideInAnyPackage(JIRA).check(sdk);
  }

  @Test
  void theMetricsBinderUsesTheSdkListenersAndMicrometerOnly() {
    classes().that().resideInAPackage(METRICS)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {METRICS, AUTH, SYNC, "io.micrometer.."}, JDK))
        .check(sdk);
  }

  @Test
  void onlySyncMetricsNeedsTheOptionalSyncEngine() {
    noClasses().that().resideInAPackage(METRICS).and().doNotHaveSimpleName("SyncMetrics")
        .should().dependOnClassesThat().resideInAnyPackage(SYNC)
        .check(sdk);
  }

  @Test
  void noOtherModuleKnowsMicrometer() {
    noClasses().that().resideOutsideOfPackage(METRICS)
        .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
        .check(sdk);
  }

  @Test
  void syncCoreAddsOnlyAuthCore() {
    classes().that().resideInAPackage(SYNC)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {SYNC, AUTH, "dev.failsafe..", "org.slf4j.."}, JDK, HTTP_JSON))
        .check(sdk);
  }

  @Test
  void storeSqliteUsesTheSpisSqliteAndHikariOnly() {
    classes().that().resideInAPackage(STORE)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {STORE, AUTH, SYNC, "org.sqlite..", "com.zaxxer.hikari..", "javax.sql..",
                "org.slf4j..", "com.squareup.moshi..", "okio..", "kotlin.."}, JDK))
        .check(sdk);
  }

  @Test
  void theTestkitSharesNoCodeWithTheSdk() {
    noClasses().that().resideInAPackage(TESTKIT)
        .should().dependOnClassesThat().resideInAnyPackage(AUTH, JIRA, SYNC, STORE, DEMO)
        .check(sdk);
  }

  @Test
  void authKnowsNothingOfSync() {
    noClasses().that().resideInAPackage(AUTH).should().dependOnClassesThat().resideInAnyPackage(SYNC, STORE, DEMO)
        .check(sdk);
  }

  @Test
  void onlyTheStoreTouchesJdbcSqliteOrHikari() {
    noClasses().that().resideOutsideOfPackage(STORE)
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "com.zaxxer.hikari..")
        .check(sdk);
  }

  @Test
  void onlyTheDemoAndTestkitTouchUndertow() {
    noClasses().that().resideOutsideOfPackages(DEMO, TESTKIT)
        .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "org.xnio..")
        .check(sdk);
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackage() {
    String[][] modules = {{AUTH, "dev.jirasdk.auth.internal.."}, {SYNC, "dev.jirasdk.sync.internal.."},
        {STORE, "dev.jirasdk.store.sqlite.internal.."}, {TESTKIT, "dev.jirasdk.testkit.internal.."},
        {DEMO, "dev.jirasdk.demo.internal.."}};
    for (String[] owner : modules) {
      ArchRule rule = noClasses().that().resideOutsideOfPackage(owner[0])
          .should().dependOnClassesThat().resideInAPackage(owner[1])
          .allowEmptyShould(true);
      rule.check(sdk);
    }
  }

  @Test
  void onlyJiraSyncReachesTheSyncEngine() {
    noClasses().that().resideInAPackage("dev.jirasdk.sync").and().doNotHaveSimpleName("JiraSync")
        .should().dependOnClassesThat().resideInAPackage("dev.jirasdk.sync.internal..")
        .check(sdk);
  }

  @Test
  void noPublicSignatureOfTheSyncApiMentionsAnInternalType() {
    ArchCondition<JavaMember> exposesNothingInternal = new ArchCondition<>("not mention sync.internal types") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        List<JavaClass> types = new ArrayList<>();
        if (member instanceof JavaField f) types.add(f.getRawType());
        if (member instanceof JavaCodeUnit c) {
          types.add(c.getRawReturnType());
          types.addAll(c.getRawParameterTypes());
        }
        for (JavaClass t : types) {
          if (t.getPackageName().startsWith("dev.jirasdk.sync.internal")) {
            events.add(SimpleConditionEvent.violated(member, member.getFullName() + " exposes " + t.getName()));
          }
        }
      }
    };
    members().that().areDeclaredInClassesThat().resideInAPackage("dev.jirasdk.sync")
        .and().areDeclaredInClassesThat().arePublic()
        .and().arePublic()
        .should(exposesNothingInternal)
        .check(sdk);
  }

  @Test
  void librariesNeverUseJavaUtilLogging() {
    noClasses().that().resideInAnyPackage(LIBRARIES)
        .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING).check(sdk);
  }

  @Test
  void librariesNeverPrintToStandardStreams() {
    noClasses().that().resideInAnyPackage(LIBRARIES)
        .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS).check(sdk);
  }

  @Test
  void librariesNeverReadEnvironmentVariables() {
    noClasses().that().resideInAnyPackage(LIBRARIES)
        .should().callMethod(System.class, "getenv")
        .orShould().callMethod(System.class, "getenv", String.class)
        .check(sdk);
  }
}
