/**
 * OAuth 2.0 (3LO) for Jira Cloud: connect users' sites with {@link dev.jirasdk.auth.AtlassianOAuth}, call
 * Jira with {@link dev.jirasdk.auth.JiraClient}, and keep rotating refresh tokens safe with a
 * {@link dev.jirasdk.auth.TokenStore}.
 */
package dev.jirasdk.auth;
