// Reads the dashboard's Server-Sent Events in tests (the live dashboard and the presenter view).
import type { IncomingMessage } from 'node:http';

/** Reads Server-Sent Events `figures` from a response, one promise per next event. */
export function figuresEvents(res: IncomingMessage) {
  let buffer = '';
  const events: Record<string, string>[] = [];
  const waiting: ((e: Record<string, string>) => void)[] = [];
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(block);
      if (/^event: figures$/m.test(block) && data) {
        const figures = JSON.parse(data[1]!) as Record<string, string>;
        const next = waiting.shift();
        if (next) next(figures);
        else events.push(figures);
      }
    }
  });
  return () => new Promise<Record<string, string>>((resolve) => (events.length ? resolve(events.shift()!) : waiting.push(resolve)));
}
