/**
 * The engine behind {@link dev.jirasdk.sync.JiraSync}; not API. Its classes are public only because Java has
 * no other way to let {@code JiraSync} reach them: no class outside {@code dev.jirasdk.sync} may use them, and
 * no public signature of {@code dev.jirasdk.sync} mentions them (architecture-tests enforce both).
 *
 * <p>Walking a run top to bottom: {@link dev.jirasdk.sync.internal.SyncRunner} plans streams and partitions and
 * runs them; {@link dev.jirasdk.sync.internal.RunContext} is what they share (the one guarded fetch path, commit
 * with checkpoint, events, errors); the stream families are {@link dev.jirasdk.sync.internal.CatalogueStreams},
 * {@link dev.jirasdk.sync.internal.IssueStreams} (with {@link dev.jirasdk.sync.internal.Deletions}) and
 * {@link dev.jirasdk.sync.internal.Worklogs}; {@link dev.jirasdk.sync.internal.Endpoints} says where each entity
 * is read. One page goes HTTP ({@code RunContext.fetchPage}) → parse ({@link dev.jirasdk.sync.internal.PageParser})
 * → map ({@link dev.jirasdk.sync.internal.Mapper}) → store ({@code RunContext.commit}).
 */
package dev.jirasdk.sync.internal;
