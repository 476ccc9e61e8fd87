// BENCH_WORKERS=N npm run bench: the built server in N node:cluster workers sharing one port and one
// WAL file. Prints the workers' pids (the bench adds up their CPU time), then one "ready on" line.
import cluster from 'node:cluster';

const workers = Number(process.env.WORKERS ?? 2);
cluster.setupPrimary({ exec: 'dist/server.js', silent: true });
const pids = [];
let listening = 0;
for (let i = 0; i < workers; i += 1) {
  const worker = cluster.fork();
  pids.push(worker.process.pid);
  worker.process.stderr.pipe(process.stderr);
  worker.on('listening', (address) => {
    listening += 1;
    if (listening === workers) console.log(`workers ${pids.join(' ')}\nready on http://127.0.0.1:${address.port}`);
  });
}
cluster.on('exit', (worker, code) => {
  if (code !== 0 && !stopping) console.error(`worker ${worker.process.pid} exited with ${code}`);
});
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker.process.kill('SIGTERM');
});
