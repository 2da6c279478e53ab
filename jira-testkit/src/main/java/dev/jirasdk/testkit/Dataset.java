package dev.jirasdk.testkit;

/**
 * The shape of the data a {@link FakeJiraCloud} generates: how many sites, projects, issues, users and how
 * comments, worklogs, changelogs, links and attachments are distributed. The content itself (names,
 * summaries, timestamps, ADF bodies, custom-field values) is derived from the fake's seed, so the same
 * seed and dataset always give the same data. Issues are generated compactly and their JSON is derived on
 * demand, so a 100,000-issue site fits easily in a test JVM.
 *
 * <pre>{@code
 * Dataset data = Dataset.builder()
 *     .sites(1).projects(3).issuesPerProject(200)
 *     .largeProject(12_000)      // the first project of the first site gets 12,000 issues
 *     .users(20)
 *     .build();
 * }</pre>
 *
 * <p>Every {@code heavyIssueEvery}-th issue of a project has more than 20 comments and more than 20
 * changelog entries (so the 20-item embedding cap of search results matters); about one issue in seven
 * has empty values (no description, no labels, no custom-field values); some summaries and comments use
 * non-ASCII text (accents, CJK, right-to-left, emoji). Immutable and thread-safe.
 */
public final class Dataset {
  final int sites;
  final int projects;
  final int issuesPerProject;
  final int largeProjectIssues;
  final int users;
  final int groups;
  final int maxComments;
  final int maxWorklogs;
  final int maxChangelog;
  final int maxAttachments;
  final double linksPerIssue;
  final int heavyIssueEvery;
  final int componentsPerProject;
  final int versionsPerProject;
  final int dashboards;
  final int filters;
  final int labels;
  final int archivedProjects;
  final boolean agile;
  final int sprintsPerBoard;

  private Dataset(Builder b) {
    this.sites = b.sites;
    this.projects = b.projects;
    this.issuesPerProject = b.issuesPerProject;
    this.largeProjectIssues = b.largeProjectIssues;
    this.users = b.users;
    this.groups = b.groups;
    this.maxComments = b.maxComments;
    this.maxWorklogs = b.maxWorklogs;
    this.maxChangelog = b.maxChangelog;
    this.maxAttachments = b.maxAttachments;
    this.linksPerIssue = b.linksPerIssue;
    this.heavyIssueEvery = b.heavyIssueEvery;
    this.componentsPerProject = b.componentsPerProject;
    this.versionsPerProject = b.versionsPerProject;
    this.dashboards = b.dashboards;
    this.filters = b.filters;
    this.labels = b.labels;
    this.archivedProjects = b.archivedProjects;
    this.agile = b.agile;
    this.sprintsPerBoard = b.sprintsPerBoard;
  }

  /** Two sites with two projects of 25 issues each and five users: quick unit tests. */
  public static Dataset small() {
    return builder().sites(2).projects(2).issuesPerProject(25).users(5).build();
  }

  /**
   * A sandbox worth clicking through: two sites, three projects each, 5,000 issues in all (1,500 in the
   * first project), 25 users.
   */
  public static Dataset sandbox() {
    return builder().sites(2).projects(3).issuesPerProject(700).largeProject(1_500).users(25).groups(6).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder preloaded with this dataset's settings. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.sites = sites;
    b.projects = projects;
    b.issuesPerProject = issuesPerProject;
    b.largeProjectIssues = largeProjectIssues;
    b.users = users;
    b.groups = groups;
    b.maxComments = maxComments;
    b.maxWorklogs = maxWorklogs;
    b.maxChangelog = maxChangelog;
    b.maxAttachments = maxAttachments;
    b.linksPerIssue = linksPerIssue;
    b.heavyIssueEvery = heavyIssueEvery;
    b.componentsPerProject = componentsPerProject;
    b.versionsPerProject = versionsPerProject;
    b.dashboards = dashboards;
    b.filters = filters;
    b.labels = labels;
    b.archivedProjects = archivedProjects;
    b.agile = agile;
    b.sprintsPerBoard = sprintsPerBoard;
    return b;
  }

  /** Number of issues the generator creates across all sites, archived projects' issues included. */
  public long totalIssues() {
    long perSite = (long) projects * issuesPerProject + (long) archivedProjects * Math.min(5, Math.max(1, issuesPerProject));
    long total = perSite * sites;
    if (largeProjectIssues > 0) {
      total += largeProjectIssues - issuesPerProject;
    }
    return total;
  }

  @Override
  public String toString() {
    return "Dataset[sites=" + sites + ", projects=" + projects + ", issuesPerProject=" + issuesPerProject
        + ", largeProject=" + largeProjectIssues + ", users=" + users + "]";
  }

  /** Builds a {@link Dataset}; every setting has a small default. Not thread-safe. */
  public static final class Builder {
    private int sites = 1;
    private int projects = 2;
    private int issuesPerProject = 25;
    private int largeProjectIssues;
    private int users = 5;
    private int groups = 3;
    private int maxComments = 4;
    private int maxWorklogs = 3;
    private int maxChangelog = 4;
    private int maxAttachments = 2;
    private double linksPerIssue = 0.3;
    private int heavyIssueEvery = 10;
    private int componentsPerProject = 3;
    private int versionsPerProject = 3;
    private int dashboards = 3;
    private int filters = 4;
    private int labels = 12;
    private int archivedProjects;
    private boolean agile = true;
    private int sprintsPerBoard = 4;

    private Builder() {}

    /** Number of sites (cloud ids), at least 1. Every user can reach the first site. */
    public Builder sites(int n) {
      this.sites = atLeast(n, 1, "sites");
      return this;
    }

    /** Live projects per site, at least 1. */
    public Builder projects(int n) {
      this.projects = atLeast(n, 1, "projects");
      return this;
    }

    /** Issues in each project, at least 0. */
    public Builder issuesPerProject(int n) {
      this.issuesPerProject = atLeast(n, 0, "issuesPerProject");
      return this;
    }

    /** Gives the first project of the first site {@code n} issues instead of {@code issuesPerProject}; 0 = off. */
    public Builder largeProject(int n) {
      this.largeProjectIssues = atLeast(n, 0, "largeProject");
      return this;
    }

    /** Atlassian accounts, at least 1; every account is a Jira user of every site. */
    public Builder users(int n) {
      this.users = atLeast(n, 1, "users");
      return this;
    }

    /** Groups per site. */
    public Builder groups(int n) {
      this.groups = atLeast(n, 0, "groups");
      return this;
    }

    /** Ordinary issues get 0..max comments (uniformly); heavy issues get 21..45. */
    public Builder commentsPerIssue(int max) {
      this.maxComments = atLeast(max, 0, "commentsPerIssue");
      return this;
    }

    /** Issues get 0..max worklogs. */
    public Builder worklogsPerIssue(int max) {
      this.maxWorklogs = atLeast(max, 0, "worklogsPerIssue");
      return this;
    }

    /** Ordinary issues get 0..max changelog entries; heavy issues get 21..45. */
    public Builder changelogPerIssue(int max) {
      this.maxChangelog = atLeast(max, 0, "changelogPerIssue");
      return this;
    }

    /** Issues get 0..max attachments. */
    public Builder attachmentsPerIssue(int max) {
      this.maxAttachments = atLeast(max, 0, "attachmentsPerIssue");
      return this;
    }

    /** Average number of outward issue links per issue (0 = none). */
    public Builder linksPerIssue(double avg) {
      if (!(avg >= 0 && avg <= 10)) {
        throw new IllegalArgumentException("linksPerIssue must be in [0, 10]: " + avg);
      }
      this.linksPerIssue = avg;
      return this;
    }

    /** Every n-th issue of a project (by key number) gets more than 20 comments and changelog entries; 0 = none. */
    public Builder heavyIssueEvery(int n) {
      this.heavyIssueEvery = atLeast(n, 0, "heavyIssueEvery");
      return this;
    }

    public Builder componentsPerProject(int n) {
      this.componentsPerProject = atLeast(n, 0, "componentsPerProject");
      return this;
    }

    public Builder versionsPerProject(int n) {
      this.versionsPerProject = atLeast(n, 0, "versionsPerProject");
      return this;
    }

    public Builder dashboards(int n) {
      this.dashboards = atLeast(n, 0, "dashboards");
      return this;
    }

    public Builder filters(int n) {
      this.filters = atLeast(n, 0, "filters");
      return this;
    }

    /** Distinct labels per site that issues draw from. */
    public Builder labels(int n) {
      this.labels = atLeast(n, 0, "labels");
      return this;
    }

    /** Additional archived projects per site (each with a few issues), on top of the live ones. */
    public Builder archivedProjects(int n) {
      this.archivedProjects = atLeast(n, 0, "archivedProjects");
      return this;
    }

    /**
     * Whether the site has Jira Software data (default true): a scrum board per live software project (and a
     * kanban board for every second one), sprints on each scrum board, issues in sprints (the Sprint field lists
     * every sprint an issue went through) and epics as the {@code parent} of about half the other issues.
     */
    public Builder agile(boolean on) {
      this.agile = on;
      return this;
    }

    /**
     * Sprints per scrum board (default 4): the last is future, the one before it active, the others closed. With
     * three or more, the first issue of each board went through its first three sprints.
     */
    public Builder sprintsPerBoard(int n) {
      this.sprintsPerBoard = atLeast(n, 0, "sprintsPerBoard");
      return this;
    }

    public Dataset build() {
      return new Dataset(this);
    }

    private static int atLeast(int n, int min, String name) {
      if (n < min) {
        throw new IllegalArgumentException(name + " must be >= " + min + ": " + n);
      }
      return n;
    }
  }
}
