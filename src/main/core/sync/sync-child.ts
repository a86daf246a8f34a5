// One desktop's sync in a process of its own (node --import tsx sync-child.ts ARCHIVE SERVER USER PASSWORD):
// for the tests that need a fresh process environment, e.g. NODE_EXTRA_CA_CERTS to trust a server's certificate.
import { Archive } from '../archive';
import { signIn, syncArchive } from './engine';

const [dir, server, user, password] = process.argv.slice(2);
const archive = await Archive.open(dir!, { writable: true, owner: 'sync-child' });
try {
  await signIn(dir!, server!, user!, password!);
  process.stdout.write(`${JSON.stringify(await syncArchive(archive))}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
} finally {
  await archive.close();
}
