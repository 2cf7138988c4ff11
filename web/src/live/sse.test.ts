import { describe, expect, it } from 'vitest';
import { createSseParser, type LiveEvent } from './sse';

const event = (id: string): LiveEvent => ({
  id,
  type: 'crm.party.updated',
  version: 1,
  aggregate: { type: 'crm.party', id: 'p1' },
  occurredAt: '2026-11-23T19:00:00.000Z',
  data: { name: 'Acme' },
});

describe('the Server-Sent Events parser', () => {
  it('yields each event once its block ends, however the text is split into chunks', () => {
    const seen: LiveEvent[] = [];
    const parse = createSseParser((e) => seen.push(e));
    const wire = `retry: 2000\n\n: heartbeat\n\nid: e1\nevent: crm.party.updated\ndata: ${JSON.stringify(event('e1'))}\n\nid: e2\ndata: ${JSON.stringify(event('e2'))}\n\n`;
    for (let i = 0; i < wire.length; i += 7) parse(wire.slice(i, i + 7));
    expect(seen.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(seen[0]?.aggregate.type).toBe('crm.party');
  });

  it('keeps an unfinished event until its end arrives, accepts CRLF, and skips malformed data', () => {
    const seen: LiveEvent[] = [];
    const parse = createSseParser((e) => seen.push(e));
    parse('data: {not json}\r\n\r\n');
    parse(`data: ${JSON.stringify(event('e3'))}`);
    expect(seen).toEqual([]);
    parse('\r\n\r\n');
    expect(seen.map((e) => e.id)).toEqual(['e3']);
  });
});
