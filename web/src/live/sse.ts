export type LiveEvent = {
  id: string;
  type: string;
  version: number;
  aggregate: { type: string; id: string };
  occurredAt: string;
  data: unknown;
};

/**
 * Splits a Server-Sent Events text stream into events. Pure, so it is tested without a server;
 * fed chunk by chunk, it keeps an incomplete event until its end arrives.
 */
export function createSseParser(onEvent: (event: LiveEvent) => void) {
  let buffer = '';
  return (chunk: string) => {
    buffer += chunk.replaceAll('\r\n', '\n');
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) {
        try {
          onEvent(JSON.parse(data) as LiveEvent);
        } catch {
          // A malformed event is skipped; the next one still arrives.
        }
      }
      end = buffer.indexOf('\n\n');
    }
  };
}
