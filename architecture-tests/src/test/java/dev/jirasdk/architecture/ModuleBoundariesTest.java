package dev.jirasdk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the allowed dependencies of docs/ARCHITECTURE (auth-core -> okhttp, moshi, failsafe, slf4j;
 * sync-core -> + auth-core; store-jdbc -> auth-core, sync-core, java.sql; store-sqlite -> + store-jdbc,
 * sqlite-jdbc, HikariCP; store-postgres -> + store-jdbc, postgresql JDBC, HikariCP; testkit -> no SDK module),
 * the internal-package boundary, and the library hygiene rules (no java.util.logging, no standard streams,
 * no environment variables).
 */
class ModuleBoundariesTest {
  private static final String AUTH = "dev.jirasdk.auth..";
  /** The typed Jira API, shipped in jira-auth-core beside {@link #AUTH}. */
  private static final String JIRA = "dev.jirasdk.jira..";
  private static final String SYNC = "dev.jirasdk.sync..";
  private static final String STORE = "dev.jirasdk.store.sqlite..";
  private static final String STORE_JDBC = "dev.jirasdk.store.jdbc..";
  private static final String STORE_POSTGRES = "dev.jirasdk.store.postgres..";
  private static final String[] STORES = {STORE, STORE_JDBC, STORE_POSTGRES};
  private static final String TESTKIT = "dev.jirasdk.testkit..";
  private static final String DEMO = "dev.jirasdk.demo..";
  private static final String METRICS = "dev.jirasdk.micrometer..";
  private static final String[] LIBRARIES = {AUTH, JIRA, SYNC, STORE, STORE_JDBC, STORE_POSTGRES, TESTKIT, METRICS};
  private static final String[] JDK = {"java..", "javax.crypto..", "javax.net..", "javax.security.."};
  private static final String[] HTTP_JSON = {"okhttp3..", "okio..", "com.squareup.moshi..", "kotlin.."};
  /** Nullness annotations (JSpecify) are allowed everywhere. */
  private static final String NULLNESS = "org.jspecify..";

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
        "dev.jirasdk.store.jdbc", "dev.jirasdk.store.postgres", "dev.jirasdk.testkit", "dev.jirasdk.demo",
        "dev.jirasdk.micrometer"}) {
      if (sdk.stream().noneMatch(c -> c.getPackageName().startsWith(p))) {
        throw new AssertionError("no classes imported from " + p + ": the rules below would pass vacuously");
      }
    }
  }

  @Test
  void authCoreDependsOnlyOnOkHttpMoshiFailsafeAndSlf4j() {
    classes().that().resideInAPackage(AUTH)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {AUTH, "dev.failsafe..", "org.slf4j..", NULLNESS}, JDK, HTTP_JSON))
        .check(sdk);
  }

  @Test
  void theTypedApiBuildsOnlyOnTheAuthCoreClientAndMoshi() {
    classes().that().resideInAPackage(JIRA)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {JIRA, AUTH, NULLNESS}, JDK, HTTP_JSON))
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
            concat(new String[] {METRICS, AUTH, SYNC, "io.micrometer..", NULLNESS}, JDK))
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

  /** jira-auth-core ships both {@link #AUTH} and the typed API {@link #JIRA}, whose {@code Adf} the sync reuses. */
  @Test
  void syncCoreAddsOnlyAuthCore() {
    classes().that().resideInAPackage(SYNC)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {SYNC, AUTH, JIRA, "dev.failsafe..", "org.slf4j..", NULLNESS}, JDK, HTTP_JSON))
        .check(sdk);
  }

  @Test
  void storeSqliteUsesTheSpisSqliteAndHikariOnly() {
    classes().that().resideInAPackage(STORE)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {STORE, STORE_JDBC, AUTH, SYNC, "org.sqlite..", "com.zaxxer.hikari..", "javax.sql..",
                "org.slf4j..", "com.squareup.moshi..", "okio..", "kotlin..", NULLNESS}, JDK))
        .check(sdk);
  }

  @Test
  void storePostgresUsesTheSpisTheSharedSqlPostgresqlAndHikariOnly() {
    classes().that().resideInAPackage(STORE_POSTGRES)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {STORE_POSTGRES, STORE_JDBC, AUTH, SYNC, "org.postgresql..", "com.zaxxer.hikari..",
                "javax.sql..", "org.slf4j..", NULLNESS}, JDK))
        .check(sdk);
  }

  @Test
  void theSharedStoreCodeKnowsNoDriverNoPoolAndNoStore() {
    classes().that().resideInAPackage(STORE_JDBC)
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            concat(new String[] {STORE_JDBC, AUTH, SYNC, "org.slf4j..", NULLNESS}, JDK))
        .check(sdk);
  }

  @Test
  void eachStoreKeepsToItsOwnDriver() {
    noClasses().that().resideInAPackage(STORE).should().dependOnClassesThat()
        .resideInAnyPackage("org.postgresql..", STORE_POSTGRES).check(sdk);
    noClasses().that().resideInAPackage(STORE_POSTGRES).should().dependOnClassesThat()
        .resideInAnyPackage("org.sqlite..", STORE).check(sdk);
  }

  /**
   * Every package of the library modules that users may see: derived from the imported classes, so that a new
   * package is covered without being listed; only {@code internal} packages and the demo, examples and
   * benchmarks (applications, not libraries) are left out.
   */
  private static SortedSet<String> publicSdkPackages() {
    return sdk.stream().map(JavaClass::getPackageName)
        .filter(p -> !p.matches("dev\\.jirasdk\\.(demo|examples|benchmarks)(\\..*)?"))
        .filter(p -> !p.matches(".*\\.internal(\\..*)?"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theDerivedPublicPackagesIncludeEveryLibraryModule() {
    SortedSet<String> publicPackages = publicSdkPackages();
    for (String p : List.of("dev.jirasdk.auth", "dev.jirasdk.jira", "dev.jirasdk.sync", "dev.jirasdk.store.sqlite",
        "dev.jirasdk.store.jdbc", "dev.jirasdk.store.postgres", "dev.jirasdk.testkit", "dev.jirasdk.micrometer")) {
      if (!publicPackages.contains(p)) throw new AssertionError(p + " is missing from " + publicPackages);
    }
  }

  @Test
  void thePublicApiExposesNoOkioType() {
    SortedSet<String> publicPackages = publicSdkPackages();
    List<String> exposed = new ArrayList<>();
    for (JavaClass c : sdk) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC) || !publicPackages.contains(c.getPackageName())) {
        continue;
      }
      for (JavaMember m : c.getMembers()) {
        if (!m.getModifiers().contains(JavaModifier.PUBLIC) && !m.getModifiers().contains(JavaModifier.PROTECTED)) {
          continue;
        }
        List<JavaClass> types = new ArrayList<>();
        if (m instanceof JavaCodeUnit u) {
          types.add(u.getRawReturnType());
          types.addAll(u.getRawParameterTypes());
        } else if (m instanceof JavaField f) {
          types.add(f.getRawType());
        }
        for (JavaClass t : types) {
          if (t.getPackageName().startsWith("okio")) exposed.add(m.getFullName() + " uses " + t.getName());
        }
      }
    }
    assertEquals(List.of(), exposed);
  }

  @Test
  void everyPublicPackageDeclaresItsNullness() {
    List<String> unmarked = new ArrayList<>();
    for (String name : publicSdkPackages()) {
      JavaPackage p = sdk.getPackage(name);
      if (!p.tryGetPackageInfo().map(info -> info.isAnnotatedWith(NullMarked.class)).orElse(false)) {
        unmarked.add(name);
      }
    }
    assertEquals(List.of(), unmarked, "public packages without @NullMarked in package-info.java");
  }

  @Test
  void theTestkitSharesNoCodeWithTheSdk() {
    noClasses().that().resideInAPackage(TESTKIT)
        .should().dependOnClassesThat().resideInAnyPackage(AUTH, JIRA, SYNC, STORE, STORE_JDBC, STORE_POSTGRES, DEMO)
        .check(sdk);
  }

  @Test
  void authKnowsNothingOfSync() {
    noClasses().that().resideInAPackage(AUTH).should().dependOnClassesThat()
        .resideInAnyPackage(SYNC, STORE, STORE_JDBC, STORE_POSTGRES, DEMO)
        .check(sdk);
  }

  @Test
  void onlyTheStoresTouchJdbcSqlitePostgresqlOrHikari() {
    noClasses().that().resideOutsideOfPackages(STORES)
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..", "org.postgresql..",
            "com.zaxxer.hikari..")
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
        {STORE, "dev.jirasdk.store.sqlite.internal.."}, {STORE_JDBC, "dev.jirasdk.store.jdbc.internal.."},
        {STORE_POSTGRES, "dev.jirasdk.store.postgres.internal.."}, {TESTKIT, "dev.jirasdk.testkit.internal.."},
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
