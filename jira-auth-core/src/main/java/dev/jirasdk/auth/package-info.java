/**
 * OAuth 2.0 (3LO) for Jira Cloud: connect users' sites with {@link dev.jirasdk.auth.AtlassianOAuth}, call
 * Jira with {@link dev.jirasdk.auth.JiraClient}, and keep rotating refresh tokens safe with a
 * {@link dev.jirasdk.auth.TokenStore}. Service accounts and scoped API tokens authenticate a
 * {@link dev.jirasdk.auth.JiraClient} too: see {@link dev.jirasdk.auth.JiraCredentials}.
 *
 * <p>Nullness (JSpecify): nothing in this package is null unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.jirasdk.auth;

import org.jspecify.annotations.NullMarked;
