/**
 * Schema version 3: per-project settings. share_layers lets a project's annotators receive each
 * other's annotations on the project's documents (read-only: push refuses a change to another's).
 */
export default /* sql */ `
CREATE TABLE projects (
  name text PRIMARY KEY,
  share_layers boolean NOT NULL DEFAULT false
);
`;
