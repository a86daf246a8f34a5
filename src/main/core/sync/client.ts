import type { RecordKind, TeamRecord } from '../../../shared/model/team';

/** A record as the server sends it. */
export type RemoteRecord = TeamRecord;

export interface PushAnswer {
  applied: { kind: RecordKind; id: string; version: number }[];
  conflicts: RemoteRecord[];
  refused: { kind: RecordKind; id: string; reason: string }[];
}

export interface SignedIn {
  token: string;
  user: { name: string; role: string; projects: string[]; writable: string[] };
}

/** The server said no (status) or could not be reached (status 0): the archive is unchanged by it. */
export class SyncError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The team server's HTTP API, as the desktop sees it. */
export class TeamClient {
  constructor(
    readonly server: string,
    private token = '',
  ) {}

  private async call(method: string, path: string, body?: unknown, raw?: Uint8Array): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.server), {
        method,
        headers: {
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...(raw ? { 'content-type': 'application/octet-stream' } : body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(raw ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new SyncError(0, `The server ${this.server} cannot be reached (${cause?.code ?? cause?.message ?? (error as Error).message}). Your work is kept here and syncs when the server is back.`);
    }
    if (!res.ok) {
      const text = await res.text();
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        /* not JSON: the text as it came */
      }
      throw new SyncError(res.status, `${this.server}: ${message || res.statusText}`);
    }
    return res;
  }

  async signIn(name: string, password: string): Promise<SignedIn> {
    const answer = (await (await this.call('POST', '/api/login', { name, password })).json()) as SignedIn;
    this.token = answer.token;
    return answer;
  }

  async signOut(): Promise<void> {
    await this.call('POST', '/api/logout', {});
  }

  async changes(since: number, limit: number): Promise<{ changes: RemoteRecord[]; cursor: number; more: boolean }> {
    return (await this.call('GET', `/api/changes?since=${since}&limit=${limit}`)).json() as Promise<{ changes: RemoteRecord[]; cursor: number; more: boolean }>;
  }

  async push(writes: { kind: RecordKind; id: string; base: number; deleted?: boolean; content?: unknown }[]): Promise<PushAnswer> {
    return (await this.call('POST', '/api/push', { writes })).json() as Promise<PushAnswer>;
  }

  async missingBlobs(shas: string[]): Promise<string[]> {
    return ((await (await this.call('POST', '/api/blobs/missing', { shas })).json()) as { missing: string[] }).missing;
  }

  async putBlob(sha: string, bytes: Uint8Array): Promise<void> {
    await this.call('PUT', `/api/blobs/${sha}`, undefined, bytes);
  }

  async getBlob(sha: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.call('GET', `/api/blobs/${sha}`)).arrayBuffer());
  }
}
