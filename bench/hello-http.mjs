// The floor of the bench: node:http answering "Hello" (run by bench/run.ts in its own process).
import { createServer } from 'node:http';

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': '5' });
  res.end('Hello');
});
server.listen(0, '127.0.0.1', () => console.log(`ready on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => server.close());
