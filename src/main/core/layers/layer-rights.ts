import { stat } from 'node:fs/promises';
import { ApiError } from '../../../shared/api';
import { layerWriteRefusal, type Annotation, type LayerRights } from '../../../shared/model';
import { isErrno } from '../store/durable-file';
import { loadState, stateFile } from '../sync/state';

/**
 * The rights of whoever writes in this archive (#18): the name in Settings → Team (set by
 * sync sign-in) and the role the server gave at sign-in (sync/state.json). The role is read
 * only while a name is set, and again only when the sync state file changed.
 */
export class LayerRightsReader {
  private cached: { stamp: string; role: string | null } | null = null;

  constructor(
    private readonly archiveDir: string,
    private readonly user: () => string | undefined,
  ) {}

  async rights(): Promise<LayerRights> {
    const user = this.user()?.trim();
    if (!user) return {};
    return { user, role: await this.role() };
  }

  /** Throws read_only for the first annotation the user may not change. */
  async check(annotations: readonly Pick<Annotation, 'author' | 'kind' | 'label'>[]): Promise<void> {
    const rights = await this.rights();
    for (const a of annotations) refuseIf(layerWriteRefusal(a, rights));
  }

  private async role(): Promise<string | null> {
    const file = stateFile(this.archiveDir);
    let stamp = 'none';
    try {
      const s = await stat(file);
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
    if (this.cached?.stamp !== stamp) this.cached = { stamp, role: stamp === 'none' ? null : ((await loadState(this.archiveDir)).role ?? null) };
    return this.cached.role;
  }
}

export function refuseIf(reason: string | null): void {
  if (reason) throw new ApiError('read_only', reason);
}
