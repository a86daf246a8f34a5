/** Schema version 1: accounts, tokens, audit, content-addressed blobs and the versioned records sync reads and writes. */
export default /* sql */ `
CREATE TABLE users (
  name text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9._-]{1,64}$'),
  role text NOT NULL CHECK (role IN ('admin', 'reviewer', 'annotator')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 of each token is kept: a copy of the database signs nobody in.
CREATE TABLE tokens (
  token_hash text PRIMARY KEY,
  user_name text NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Sign-in attempts, for the rate limit: in the database, so every server process counts the same ones.
CREATE TABLE login_attempts (
  user_name text NOT NULL,
  address text NOT NULL,
  ok boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_name ON login_attempts (user_name, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);

CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  user_name text NOT NULL,
  action text NOT NULL,
  target text NOT NULL DEFAULT '',
  version bigint,
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size bigint NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The library-wide version counter: every write takes the next value (under one advisory
-- lock, so versions become visible in order and "changes since N" never skips one).
CREATE SEQUENCE record_version;

CREATE TABLE records (
  kind text NOT NULL,
  id text NOT NULL,
  version bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  content jsonb,
  -- the document a note or an annotation belongs to (a document's own id for a document)
  doc_id text,
  -- who created it: an annotator's layer is the annotations they own
  owner text NOT NULL,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, id)
);
CREATE INDEX records_version ON records (version);
CREATE INDEX records_doc ON records (doc_id);
-- Which documents name a blob (a blob is readable by whoever may read one of them).
CREATE INDEX records_original ON records ((content->'blobs'->>'original')) WHERE kind = 'document';
CREATE INDEX records_text ON records ((content->'blobs'->>'text')) WHERE kind = 'document';
CREATE INDEX records_blocks ON records ((content->'blobs'->>'blocks')) WHERE kind = 'document';

-- Projects: a document in a project is open to that project's annotators only; a document in none, to all.
CREATE TABLE user_projects (
  user_name text NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  project text NOT NULL,
  PRIMARY KEY (user_name, project)
);
CREATE TABLE doc_projects (
  doc_id text PRIMARY KEY,
  project text NOT NULL
);
`;
