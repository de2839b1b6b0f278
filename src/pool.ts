// Many files at once: the main thread and worker threads take chunks of the file list from a shared
// counter, and the main thread hands every result on in file order, so the output does not depend on
// which thread did what.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ContextFiles, processFile, type FileDone, type RunSettings, type Target } from './work.js';

const ROLE = 'harden-dockerfile-worker';

interface WorkerInput {
  role: typeof ROLE;
  targets: Target[];
  settings: RunSettings;
  counter: Int32Array;
  chunkSize: number;
}

interface ChunkMessage {
  start: number;
  done: FileDone[];
}

export interface PoolOptions {
  /** Threads in all, the main thread included; 1 runs everything here. */
  threads: number;
  /** The module a worker runs: the CLI's own file, which starts `runWorker` in a worker thread. */
  workerUrl?: URL;
  context: ContextFiles;
  readStdin?: () => Buffer;
}

/**
 * Process every target and call `take` once per target, in target order, as soon as that target and
 * all before it are done. `take` runs on the main thread and may itself process a target again.
 */
export async function processAll(targets: Target[], settings: RunSettings, options: PoolOptions, take: (index: number, done: FileDone) => void): Promise<void> {
  const n = targets.length;
  const threads = options.workerUrl ? Math.max(1, Math.min(options.threads, n)) : 1;
  if (threads === 1) {
    targets.forEach((t, i) => take(i, processFile(t, settings, options.context, options.readStdin)));
    return;
  }

  const results: (FileDone | undefined)[] = new Array(n);
  let next = 0;
  const handOn = () => {
    while (next < n && results[next] !== undefined) {
      const done = results[next]!;
      results[next] = undefined;
      take(next++, done);
    }
  };
  // Small chunks keep the threads evenly loaded at the end and the output flowing; a claim costs one atomic add.
  const chunkSize = Math.max(1, Math.min(32, Math.ceil(n / (threads * 8))));
  const chunks = Math.ceil(n / chunkSize);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const input: WorkerInput = { role: ROLE, targets, settings, counter, chunkSize };
  const finished = Array.from({ length: threads - 1 }, () => {
    let worker: Worker;
    try {
      worker = new Worker(options.workerUrl!, { workerData: input });
    } catch {
      // No worker: the main thread claims every chunk itself.
      return Promise.resolve();
    }
    worker.on('message', (m: ChunkMessage) => {
      m.done.forEach((d, j) => (results[m.start + j] = d));
      handOn();
    });
    // A worker that fails leaves its chunk unfinished; the main thread does it below.
    return new Promise<void>((resolve) => {
      worker.on('error', () => resolve());
      worker.on('exit', () => resolve());
    });
  });

  for (let chunk = Atomics.add(counter, 0, 1); chunk < chunks; chunk = Atomics.add(counter, 0, 1)) {
    const start = chunk * chunkSize;
    for (let i = start; i < Math.min(n, start + chunkSize); i++) results[i] = processFile(targets[i], settings, options.context);
    handOn();
    // Let the workers' results in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(finished);
  for (let i = next; i < n; i++) {
    results[i] ??= processFile(targets[i], settings, options.context);
    handOn();
  }
}

/** Whether this thread was started by `processAll`. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as WorkerInput | undefined)?.role === ROLE;
}

/** A worker's loop: claim a chunk, process it, send the results, until none is left. */
export function runWorker(): void {
  const { targets, settings, counter, chunkSize } = workerData as WorkerInput;
  const context = new ContextFiles();
  const chunks = Math.ceil(targets.length / chunkSize);
  for (let chunk = Atomics.add(counter, 0, 1); chunk < chunks; chunk = Atomics.add(counter, 0, 1)) {
    const start = chunk * chunkSize;
    const done: FileDone[] = [];
    for (let i = start; i < Math.min(targets.length, start + chunkSize); i++) done.push(processFile(targets[i], settings, context));
    parentPort!.postMessage({ start, done } satisfies ChunkMessage);
  }
}
