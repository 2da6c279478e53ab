-- Version 2 of the PostgreSQL store (as version 6 of the SQLite store): when a grant's refresh-token family
-- began, and the PKCE verifier of a flow in progress.
--
-- Atlassian ends a refresh-token family a fixed time (365 days) after the consent that began it; refreshes
-- carry the start forward, a new consent sets a new one. Pairs stored before this version get the best record
-- of their last consent the schema holds: the grant's updated_at (the SDK changes it only at a consent, or when
-- the grant needs re-authorization), or the pair's tokens_obtained_at when that is earlier (a grant with no
-- account data yet). Both are never before the real start, so a warning derived from them is at most a few
-- milliseconds late for grants the SDK wrote, and late by the gap for a grant whose state a host changed by hand.
ALTER TABLE grants ADD COLUMN token_family_started_at text COLLATE "C";

UPDATE grants SET token_family_started_at =
  CASE WHEN tokens_obtained_at < updated_at THEN tokens_obtained_at ELSE updated_at END
WHERE token_version > 0;

-- The PKCE code verifier of a flow, sealed by TokenCipher like the tokens (the state hash is its associated
-- data); NULL for flows started without PKCE, which includes every flow stored before this version.
ALTER TABLE pending_authorizations ADD COLUMN sealed_code_verifier text;
