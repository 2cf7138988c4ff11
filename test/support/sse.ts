export type ReceivedEvent = { id: string; event: string; data: Record<string, unknown> };

/** A Server-Sent Events client over fetch, collecting what it receives. */
export async function openEventStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
  const events: ReceivedEvent[] = [];
  let comments = 0;
  let ended = false;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let split = buffer.indexOf('\n\n');
        while (split >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((line) => !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]),
          );
          if (block.startsWith(':')) comments++;
          if (fields.data)
            events.push({
              id: fields.id ?? '',
              event: fields.event ?? 'message',
              data: JSON.parse(fields.data),
            });
          split = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close()
    }
    ended = true;
  })();
  return {
    events,
    get comments() {
      return comments;
    },
    get ended() {
      return ended;
    },
    async waitFor(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs = 5000) {
      const start = Date.now();
      while (!predicate(events)) {
        if (Date.now() - start > timeoutMs)
          throw new Error(`stream: condition not met in ${timeoutMs} ms; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}
