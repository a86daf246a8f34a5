/**
 * Server-sent events over fetch, because EventSource cannot send the Authorization header
 * the API wants. Parses `event:`/`data:` frames and reconnects after a drop, as EventSource does.
 */
export function openEventStream(url: string, headers: Record<string, string>, onEvent: (event: string, data: string) => void): () => void {
  let stopped = false;
  let controller: AbortController | null = null;

  async function connect(): Promise<void> {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(url, { headers, credentials: 'same-origin', signal: controller.signal });
        // 401: the token is gone (another run of the server); retrying cannot help.
        if (response.status === 401) return;
        if (response.ok && response.body) await readFrames(response.body, onEvent);
      } catch {
        /* dropped: reconnect below */
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }

  void connect();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

async function readFrames(body: ReadableStream<Uint8Array>, onEvent: (event: string, data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(event, data.join('\n'));
    }
  }
}
