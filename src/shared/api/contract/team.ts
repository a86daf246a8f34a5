/** The contract's methods on the team server (issue #18): Settings → Team and the Sync conflicts list. */
import { z } from 'zod';
import { SYNC_INTERVAL_RANGE, type TeamConflict, type TeamStatus, type TeamSyncSummary } from '../../model';
import { returns, type ContractPart } from './fields';

export const teamMethods = {
  'team.status': {
    input: z.object({}).strict(),
    output: returns<TeamStatus>(),
  },
  /** Signs this archive in; the token is kept with the archive. */
  'team.signIn': {
    input: z
      .object({
        server: z.string().trim().url('a server address, e.g. https://archive.example.org').max(500).refine((u) => /^https?:\/\//.test(u), 'http:// or https://'),
        user: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a user name is letters, digits, . _ or -'),
        password: z.string().min(1).max(1000),
      })
      .strict(),
    output: returns<TeamStatus>(),
  },
  'team.signOut': {
    input: z.object({}).strict(),
    output: returns<TeamStatus>(),
  },
  /** Syncs now (progress comes as team.progress events); a sync already under way is joined. */
  'team.sync': {
    input: z.object({}).strict(),
    output: returns<TeamSyncSummary>(),
  },
  'team.setInterval': {
    input: z.object({ minutes: z.number().int().min(SYNC_INTERVAL_RANGE[0]).max(SYNC_INTERVAL_RANGE[1]) }).strict(),
    output: returns<TeamStatus>(),
  },
  'team.conflicts': {
    input: z.object({}).strict(),
    output: returns<TeamConflict[]>(),
  },
  /** kept: the archive's value stays; other: the other value replaces it and goes to the server with the next sync. */
  'team.resolve': {
    input: z.object({ id: z.string().uuid(), use: z.enum(['kept', 'other']) }).strict(),
    output: returns<TeamConflict[]>(),
  },
} as const satisfies ContractPart;
