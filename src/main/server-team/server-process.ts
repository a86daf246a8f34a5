// A team server in a process of its own, for the tests that kill it or run two (node --import tsx server-process.ts DB_URL PORT [FILES_DIR]).
import { runServer } from './run-server';

const [db, port, files] = process.argv.slice(2);
const server = await runServer({ db: db!, listen: `127.0.0.1:${port ?? '0'}`, ...(files ? { files } : {}) });
process.stdout.write(`${server.url}\n`);
