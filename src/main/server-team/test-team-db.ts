import { afterAll, beforeAll } from 'vitest';
import { addUser } from './auth';
import { migrate, openPool, type Pool } from './db';
import type { TestPostgres } from './test-postgres';

/**
 * For one describe block: a migrated database `<name>_<pid>` on the test cluster with the
 * reviewer rita (password rita-password); its pool ends and the cluster stops afterwards.
 * The fields are set in beforeAll, so read them inside tests only.
 */
export function useTeamDatabase(pg: TestPostgres | null, name: string): { readonly db: string; readonly pool: Pool } {
  const team = {} as { db: string; pool: Pool };
  let cluster: TestPostgres | undefined;
  beforeAll(async () => {
    cluster = pg!;
    team.db = cluster.createDatabase(`${name}_${process.pid}`);
    team.pool = openPool(team.db);
    await migrate(team.pool);
    await addUser(team.pool, 'rita', 'reviewer', 'rita-password');
  });
  afterAll(async () => {
    await team.pool?.end();
    cluster?.stop();
  });
  return team;
}
