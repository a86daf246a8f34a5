import type { TeamConflict, TeamProgress, TeamStatus } from '../../shared/model';
import { messageOf, type SliceCreator } from './types';

export interface TeamSlice {
  team: { status: TeamStatus | null; progress: TeamProgress | null; conflicts: TeamConflict[]; error: string | null };
  loadTeam(): Promise<void>;
  /** answers null or why not */
  teamSignIn(server: string, user: string, password: string): Promise<string | null>;
  teamSignOut(): Promise<void>;
  teamSync(): Promise<string | null>;
  teamSetInterval(minutes: number): Promise<string | null>;
  resolveTeamConflict(id: string, use: 'kept' | 'other'): Promise<void>;
  applyTeamProgress(progress: TeamProgress): void;
}

export const createTeamSlice: SliceCreator<TeamSlice> = (api) => (set, get) => {
  const patch = (next: Partial<TeamSlice['team']>) => set({ team: { ...get().team, ...next } });
  const refresh = async () => {
    const [status, conflicts] = await Promise.all([api['team.status']({}), api['team.conflicts']({})]);
    patch({ status, conflicts, error: null });
  };
  const attempt = async (work: () => Promise<unknown>): Promise<string | null> => {
    try {
      await work();
      return null;
    } catch (error) {
      const message = messageOf(error);
      patch({ error: message });
      return message;
    }
  };
  return {
    team: { status: null, progress: null, conflicts: [], error: null },
    async loadTeam() {
      await attempt(refresh);
    },
    teamSignIn(server, user, password) {
      return attempt(async () => {
        patch({ status: await api['team.signIn']({ server, user, password }) });
        // Signed in, the user's layer is their account's name (the core set it).
        await Promise.all([refresh(), get().loadTeamUser()]);
      });
    },
    async teamSignOut() {
      await attempt(async () => patch({ status: await api['team.signOut']({}) }));
    },
    teamSync() {
      return attempt(async () => {
        patch({ progress: { phase: 'pull', done: 0, total: 0 } });
        try {
          await api['team.sync']({});
        } finally {
          await refresh().catch(() => undefined);
        }
      });
    },
    teamSetInterval(minutes) {
      return attempt(async () => patch({ status: await api['team.setInterval']({ minutes }) }));
    },
    async resolveTeamConflict(id, use) {
      await attempt(async () => patch({ conflicts: await api['team.resolve']({ id, use }) }));
      await attempt(refresh);
    },
    applyTeamProgress(progress) {
      patch({ progress });
      // A sync on a timer ended: the status (last sync, conflicts) follows.
      if (progress.phase === 'done' || progress.phase === 'failed') void attempt(refresh);
    },
  };
};
