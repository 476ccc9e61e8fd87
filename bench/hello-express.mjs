// The framework's floor: Express 5 answering "Hello" with its defaults (run by bench/run.ts in its own process).
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.send('Hello');
});
const server = app.listen(0, '127.0.0.1', () => console.log(`ready on http://127.0.0.1:${server.address().port}`));
process.once('SIGTERM', () => server.close());
