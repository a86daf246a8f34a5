import type { Command } from 'commander';
import { Option } from 'commander';
import { Archive } from '../core/archive';
import { SyncError } from '../core/sync/client';
import { listConflicts, resolveConflict, signIn, signOut, syncArchive, syncStatus } from '../core/sync/engine';
import { loadState } from '../core/sync/state';
import type { openPool } from '../server-team/db';
import { ROLES, type Role } from '../server-team/roles';
import type { Output } from './commands';
import { printable } from './format';
import { readPassword } from './password-prompt';

type Run = (action: () => Promise<number>) => Promise<void>;

/**
 * A subcommand's options with its parents' (`server user add … --db X`, `sync conflicts --json`):
 * commander gives an option its parent also has (--db, --json) to the parent.
 */
const all = <T extends object>(cmd: Command): T => cmd.optsWithGlobals() as T;

/**
 * The team server's modules, loaded by its commands only: they bring the PostgreSQL client
 * (pg), ~0.2 s of module loading that every other command, `serve` first, paid at start (issue #19).
 */
const teamServer = async () => {
  const [auth, db, records, run] = await Promise.all([import('../server-team/auth'), import('../server-team/db'), import('../server-team/records'), import('../server-team/run-server')]);
  return { ...auth, ...db, ...records, ...run };
};

/** One pool for one admin command, migrated first (a fresh database works at once). */
async function withDb<T>(db: string | undefined, work: (pool: ReturnType<typeof openPool>, team: Awaited<ReturnType<typeof teamServer>>) => Promise<T>): Promise<T> {
  const team = await teamServer();
  const { openPool, migrate } = team;
  const pool = openPool(needDb(db), 2);
  try {
    await migrate(pool);
    return await work(pool, team);
  } finally {
    await pool.end();
  }
}

// Not commander-mandatory: commander checks a parent's mandatory options for its subcommands too (server → server user add).
const dbOption = () => new Option('--db <url>', 'the PostgreSQL database, postgres://USER@HOST:PORT/NAME (default: $MARGINALIA_DB)').env('MARGINALIA_DB');

const needDb = (db: string | undefined): string => {
  if (!db) throw new Error('Name the database: --db postgres://USER@HOST:PORT/NAME (or set MARGINALIA_DB).');
  return db;
};

/** marginalia server …: the team server and its accounts. */
export function registerServerCommands(program: Command, run: Run, io: Output): void {
  const server = program
    .command('server')
    .description('run the team server on PostgreSQL: desktops sync through it (marginalia sync); run several on one database if you like')
    .addOption(dbOption())
    .option('--listen <addr:port>', 'where to listen (default 127.0.0.1:8470); behind a TLS reverse proxy, keep it on 127.0.0.1')
    .option('--cert <file>', 'PEM certificate: serve HTTPS directly (with --key)')
    .option('--key <file>', 'PEM private key of --cert')
    .option('--trust-proxy', "take the client's address from X-Forwarded-For (only behind your own reverse proxy)")
    .option('--files <dir>', 'keep document files in this folder (by SHA-256) instead of PostgreSQL; every server on the database names the same folder')
    .action((opts: { db?: string; listen?: string; cert?: string; key?: string; trustProxy?: boolean; files?: string }) =>
      run(async () => {
        const running = await (await teamServer()).runServer({ ...opts, db: needDb(opts.db) });
        if (running.applied.length) io.err(`schema migrations applied: ${running.applied.join(', ')}`);
        io.out(`Marginalia team server listening at ${running.url}. Press Ctrl+C to stop.`);
        return new Promise<number>((resolve) => {
          const stop = () => void running.close().then(() => resolve(0));
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );

  const user = server.command('user').description('accounts on the team server');
  user
    .command('add')
    .description('create a user; the password is asked (or read from $MARGINALIA_PASSWORD)')
    .argument('<name>', 'user name (letters, digits, . _ -)')
    .addOption(new Option('--role <role>', 'what they may do').choices(ROLES).makeOptionMandatory())
    .option('--project <name...>', "projects whose documents this annotator works on (documents in no project are open to all)")
    .addOption(dbOption())
    .action((name: string, _own: unknown, cmd: Command) => {
      const opts = all<{ role: Role; project?: string[]; db?: string }>(cmd);
      return run(async () => {
        const password = await readPassword(`Password for ${name}: `);
        await withDb(opts.db, (pool, team) => team.addUser(pool, name, opts.role, password, opts.project ?? []));
        io.out(`user ${name} added (${opts.role})`);
        return 0;
      });
    });
  user
    .command('list')
    .description('list the users')
    .option('--json', 'print JSON')
    .addOption(dbOption())
    .action((_own: unknown, cmd: Command) => {
      const opts = all<{ json?: boolean; db?: string }>(cmd);
      return run(async () => {
        const users = await withDb(opts.db, (pool, team) => team.listUsers(pool));
        if (opts.json) io.out(JSON.stringify(users, null, 2));
        else for (const u of users) io.out(`${u.name}\t${u.role}\t${u.projects.join(',') || '-'}\t${u.activeTokens} token(s)`);
        return 0;
      });
    });
  user
    .command('remove')
    .description('remove a user (their tokens stop working; what they wrote stays)')
    .argument('<name>')
    .addOption(dbOption())
    .action((name: string, _own: unknown, cmd: Command) => {
      const opts = all<{ db?: string }>(cmd);
      return run(async () => (await withDb(opts.db, (pool, team) => team.removeUser(pool, name)), io.out(`user ${name} removed`), 0));
    });
  user
    .command('revoke')
    .description("revoke a user's tokens: each desktop of theirs must sign in again")
    .argument('<name>')
    .addOption(dbOption())
    .action((name: string, _own: unknown, cmd: Command) => {
      const opts = all<{ db?: string }>(cmd);
      return run(async () => (io.out(`${await withDb(opts.db, (pool, team) => team.revokeTokens(pool, name))} token(s) revoked`), 0));
    });
  server
    .command('assign')
    .description('put a document in a project (only that project\'s annotators see it), or in none with --none')
    .argument('<doc-id>')
    .option('--project <name>', 'the project')
    .option('--none', 'in no project: open to every annotator')
    .addOption(dbOption())
    .action((docId: string, _own: unknown, cmd: Command) => {
      const opts = all<{ project?: string; none?: boolean; db?: string }>(cmd);
      return run(async () => {
        if (!opts.project === !opts.none) throw new Error('Give either --project NAME or --none.');
        await withDb(opts.db, (pool, team) => team.assignProject(pool, 'cli', docId, opts.project ?? null));
        io.out(`${docId}: ${opts.project ? `project ${opts.project}` : 'no project'}`);
        return 0;
      });
    });
  server
    .command('project')
    .description("a project's settings: --share-layers on lets its annotators see each other's annotations (read-only)")
    .argument('<name>', 'the project')
    .addOption(new Option('--share-layers <on|off>', "send the project's annotators each other's annotations, read-only").choices(['on', 'off']).makeOptionMandatory())
    .addOption(dbOption())
    .action((name: string, _own: unknown, cmd: Command) => {
      const opts = all<{ shareLayers: 'on' | 'off'; db?: string }>(cmd);
      return run(async () => {
        await withDb(opts.db, (pool, team) => team.setShareLayers(pool, 'cli', name, opts.shareLayers === 'on'));
        io.out(`project ${name}: layers ${opts.shareLayers === 'on' ? 'shared (read-only)' : 'not shared'}`);
        return 0;
      });
    });
}

const progressLine = (io: Output) => {
  let last = '';
  return (p: { phase: string; done: number; total: number }) => {
    const line = `${p.phase} ${p.done}/${p.total}`;
    if (line !== last && (p.done === p.total || p.done % 100 === 0)) io.err(line);
    last = line;
  };
};

/** marginalia sync …: this archive and its team server. */
export function registerSyncCommands(program: Command, run: Run, io: Output, archiveDir: () => string): void {
  const sync = program
    .command('sync')
    .description('sync this archive with a team server: signs in the first time (password asked, or $MARGINALIA_PASSWORD); the token is kept with the archive')
    .option('--server <url>', 'the team server, e.g. https://archive.example.org (default: the one signed in to)')
    .option('--user <name>', 'your user name on it (default: the one signed in)')
    .option('--json', 'print the summary as JSON')
    .action((opts: { server?: string; user?: string; json?: boolean }) =>
      run(async () => {
        const dir = archiveDir();
        const state = await loadState(dir);
        const server = opts.server ?? state.server;
        const name = opts.user ?? state.user;
        if (!server || !name) throw new Error('Give --server URL and --user NAME the first time.');
        const sameAccount = state.server === new URL(server).toString().replace(/\/$/, '') && state.user === name;
        if (!sameAccount || !state.token) await signIn(dir, server, name, await readPassword(`Password for ${name} on ${server}: `));
        const archive = await Archive.open(dir, { writable: true, owner: 'marginalia sync' });
        try {
          let summary;
          try {
            summary = await syncArchive(archive, progressLine(io));
          } catch (error) {
            if (!(error instanceof SyncError) || error.status !== 401) throw error;
            // The token was revoked: sign in again and sync.
            await signIn(dir, server, name, await readPassword(`Password for ${name} on ${server}: `));
            summary = await syncArchive(archive, progressLine(io));
          }
          if (opts.json) io.out(JSON.stringify(summary, null, 2));
          else {
            io.out(`pulled ${summary.pulled}, pushed ${summary.pushed}, files uploaded ${summary.uploaded}, new conflicts ${summary.conflicts} (version ${summary.cursor})`);
            for (const r of summary.refused) io.err(`kept here only: ${r.kind} ${r.id}: ${printable(r.reason)}`);
            for (const r of summary.rejected) io.err(`left out, not valid here: ${r.kind} ${printable(r.id)}: ${printable(r.reason)}`);
            if (summary.conflicts) io.out('See them with: marginalia sync conflicts');
          }
          return 0;
        } finally {
          await archive.close();
        }
      }),
    );
  sync
    .command('status')
    .description('the server, user and last sync of this archive')
    .option('--json', 'print JSON')
    .action((_own: unknown, cmd: Command) => {
      const opts = all<{ json?: boolean }>(cmd);
      return run(async () => {
        const status = await syncStatus(archiveDir());
        if (opts.json) io.out(JSON.stringify({ ...status, team: { user: status.user } }, null, 2));
        else io.out(status.server ? `${status.user}@${status.server} (${status.role}), ${status.signedIn ? 'signed in' : 'signed out'}, last sync ${status.lastSync ?? 'never'}, ${status.conflicts} conflict(s)` : 'not signed in to a team server');
        return 0;
      });
    });
  sync
    .command('sign-out')
    .description('revoke this archive\'s token on the server and forget it')
    .action(() => run(async () => (await signOut(archiveDir()), io.out('signed out'), 0)));
  const conflicts = sync
    .command('conflicts')
    .description('list the sync conflicts: fields changed on two machines (the later value is in the archive; the other is listed)')
    .option('--json', 'print JSON')
    .action((_own: unknown, cmd: Command) => {
      const opts = all<{ json?: boolean }>(cmd);
      return run(async () => {
        const list = await listConflicts(archiveDir());
        if (opts.json) io.out(JSON.stringify(list, null, 2));
        else if (!list.length) io.out('no sync conflicts');
        else for (const c of list) io.out(`${c.id}\t${c.kind} ${c.recordId} (${printable(c.title)})\t${c.path || '(whole)'}\tkept ${printable(JSON.stringify(c.kept))}\tother ${printable(JSON.stringify(c.other))}`);
        return 0;
      });
    });
  conflicts
    .command('resolve')
    .description('settle a conflict: keep the value the archive has (kept) or take the other one (other), which the next sync sends')
    .argument('<id>', 'the conflict (see marginalia sync conflicts)')
    .addOption(new Option('--use <which>', 'kept or other').choices(['kept', 'other']).makeOptionMandatory())
    .action((id: string, opts: { use: 'kept' | 'other' }) =>
      run(async () => {
        const archive = await Archive.open(archiveDir(), { writable: true, owner: 'marginalia sync conflicts resolve' });
        try {
          const conflict = await resolveConflict(archive, id, opts.use);
          io.out(`${conflict.kind} ${conflict.recordId} ${conflict.path}: ${opts.use === 'other' ? 'took the other value' : 'kept the value'}; the next sync sends it`);
          return 0;
        } finally {
          await archive.close();
        }
      }),
    );
}
