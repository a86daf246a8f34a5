import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Pool } from './db';
import { transaction } from './db';
import { TeamError, type Role, ROLES } from './roles';

export interface User {
  name: string;
  role: Role;
  projects: string[];
}

/** Failed sign-ins allowed per user name (and ten times that per address) in LOGIN_WINDOW before the next is refused. */
export const LOGIN_LIMIT = 10;
const LOGIN_WINDOW = '15 minutes';
export const NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read) */
const ARGON2ID = 2;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function addUser(pool: Pool, name: string, role: Role, password: string, projects: string[] = [], by = 'cli'): Promise<void> {
  if (!NAME_PATTERN.test(name)) throw new TeamError(400, `A user name is 1 to 64 letters, digits, dots, dashes or underscores; "${name}" is not.`);
  if (!ROLES.includes(role)) throw new TeamError(400, `The role is admin, reviewer or annotator, not "${role}".`);
  if (password.length < 8) throw new TeamError(400, 'A password has at least 8 characters.');
  const passwordHash = await hash(password, { algorithm: ARGON2ID });
  await transaction(pool, async (db) => {
    const { rowCount } = await db.query('INSERT INTO users (name, role, password_hash) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, role, passwordHash]);
    if (!rowCount) throw new TeamError(409, `A user named ${name} exists already.`);
    for (const project of projects) await db.query('INSERT INTO user_projects (user_name, project) VALUES ($1, $2)', [name, project]);
    await db.query('INSERT INTO audit (user_name, action, target) VALUES ($1, $2, $3)', [by, 'user.add', `${name} (${role})`]);
  });
}

export async function listUsers(pool: Pool): Promise<(User & { createdAt: string; activeTokens: number })[]> {
  const { rows } = await pool.query<{ name: string; role: Role; created_at: Date; projects: string[] | null; active: string }>(
    `SELECT u.name, u.role, u.created_at,
            (SELECT array_agg(project ORDER BY project) FROM user_projects p WHERE p.user_name = u.name) AS projects,
            (SELECT count(*) FROM tokens t WHERE t.user_name = u.name AND t.revoked_at IS NULL) AS active
       FROM users u ORDER BY u.name`,
  );
  return rows.map((r) => ({ name: r.name, role: r.role, projects: r.projects ?? [], createdAt: r.created_at.toISOString(), activeTokens: Number(r.active) }));
}

export async function removeUser(pool: Pool, name: string, by = 'cli'): Promise<void> {
  await transaction(pool, async (db) => {
    const { rowCount } = await db.query('DELETE FROM users WHERE name = $1', [name]);
    if (!rowCount) throw new TeamError(404, `No user named ${name}.`);
    await db.query('INSERT INTO audit (user_name, action, target) VALUES ($1, $2, $3)', [by, 'user.remove', name]);
  });
}

/** Revokes every token of a user: their desktops must sign in again. Answers how many were revoked. */
export async function revokeTokens(pool: Pool, name: string, by = 'cli'): Promise<number> {
  return transaction(pool, async (db) => {
    const { rowCount } = await db.query('UPDATE tokens SET revoked_at = now() WHERE user_name = $1 AND revoked_at IS NULL', [name]);
    await db.query('INSERT INTO audit (user_name, action, target) VALUES ($1, $2, $3)', [by, 'tokens.revoke', name]);
    return rowCount ?? 0;
  });
}

/**
 * Signs a user in and answers a new token. Failed attempts are counted in the database per name
 * and per address; past the limit the attempt is refused before the password is even checked.
 */
export async function signIn(pool: Pool, name: string, password: string, address: string): Promise<{ token: string; user: User }> {
  const { rows: counts } = await pool.query<{ by_name: string; by_address: string }>(
    `SELECT count(*) FILTER (WHERE user_name = $1) AS by_name, count(*) FILTER (WHERE address = $2) AS by_address
       FROM login_attempts WHERE NOT ok AND at > now() - interval '${LOGIN_WINDOW}' AND (user_name = $1 OR address = $2)`,
    [name, address],
  );
  if (Number(counts[0]!.by_name) >= LOGIN_LIMIT || Number(counts[0]!.by_address) >= LOGIN_LIMIT * 10) {
    throw new TeamError(429, 'Too many failed sign-ins: wait 15 minutes and try again.');
  }
  const { rows } = await pool.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = $1', [name]);
  const stored = rows[0]?.password_hash;
  const ok = stored ? await verify(stored, password).catch(() => false) : false;
  await pool.query('INSERT INTO login_attempts (user_name, address, ok) VALUES ($1, $2, $3)', [name, address, ok]);
  if (!ok) throw new TeamError(401, 'Wrong user name or password.');
  const token = randomBytes(32).toString('base64url');
  await pool.query('INSERT INTO tokens (token_hash, user_name) VALUES ($1, $2)', [tokenHash(token), name]);
  await pool.query('INSERT INTO audit (user_name, action) VALUES ($1, $2)', [name, 'sign-in']);
  return { token, user: await userNamed(pool, name) };
}

export async function signOut(pool: Pool, token: string): Promise<void> {
  await pool.query('UPDATE tokens SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash(token)]);
}

/** The user a bearer token stands for, or a 401: a revoked token, or one of a removed user, opens nothing. */
export async function authenticate(pool: Pool, token: string | undefined): Promise<User> {
  if (!token) throw new TeamError(401, 'Sign in first: this route needs a token (Authorization: Bearer …).');
  const { rows } = await pool.query<{ user_name: string }>('SELECT user_name FROM tokens WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash(token)]);
  if (!rows[0]) throw new TeamError(401, 'This token is not valid (revoked, or its user removed): sign in again.');
  return userNamed(pool, rows[0].user_name);
}

async function userNamed(pool: Pool, name: string): Promise<User> {
  const { rows } = await pool.query<{ role: Role; projects: string[] | null }>(
    'SELECT role, (SELECT array_agg(project) FROM user_projects p WHERE p.user_name = u.name) AS projects FROM users u WHERE name = $1',
    [name],
  );
  if (!rows[0]) throw new TeamError(401, `No user named ${name}.`);
  return { name, role: rows[0].role, projects: rows[0].projects ?? [] };
}
