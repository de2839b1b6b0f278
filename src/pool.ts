// Many files at once: the main thread and worker threads take chunks of the file list from a shared
// counter, and the main thread hands every result on in file order, so the output does not depend on
// which thread did what.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ContextFiles, processFile, writeNow, type FileDone, type FileWrite, type RunSettings, type Target, type WriteOutcome } from './work.js';

const ROLE = 'harden-dockerfile-worker';
const WRITER_ROLE = 'harden-dockerfile-writer';

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
  /** Where the main thread's own results are written, when not here. */
  writer?: WriteThread;
}

/**
 * Process every target and call `take` once per target, in target order, as soon as that target and
 * all before it are done (a `take` that returns a promise is waited for before the next one). `take`
 * runs on the main thread and may itself process a target again.
 */
export async function processAll(
  targets: Target[],
  settings: RunSettings,
  options: PoolOptions,
  take: (index: number, done: FileDone) => void | Promise<void>,
): Promise<void> {
  const n = targets.length;
  const threads = options.workerUrl ? Math.max(1, Math.min(options.threads, n)) : 1;
  let taken: Promise<void> = Promise.resolve();
  const handTo = (index: number, done: FileDone) => {
    taken = taken.then(() => take(index, done));
  };
  if (threads === 1) {
    for (let i = 0; i < n; i++) {
      handTo(i, processFile(targets[i], settings, options.context, options.readStdin, options.writer));
      // With a write thread, let its answers in and go on; without one, finish this file (print it, make
      // its writes) before the next, so output streams and the next file reads what this one wrote.
      if (options.writer) await new Promise((resolve) => setImmediate(resolve));
      else await taken;
    }
    await taken;
    return;
  }

  const results: (FileDone | undefined)[] = new Array(n);
  let next = 0;
  const handOn = () => {
    while (next < n && results[next] !== undefined) {
      const done = results[next]!;
      results[next] = undefined;
      handTo(next++, done);
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
    for (let i = start; i < Math.min(n, start + chunkSize); i++) results[i] = processFile(targets[i], settings, options.context, undefined, options.writer);
    handOn();
    // Let the workers' results in.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(finished);
  for (let i = next; i < n; i++) {
    results[i] ??= processFile(targets[i], settings, options.context, undefined, options.writer);
    handOn();
  }
  await taken;
}

/** Whether this thread was started by `processAll` or as a `WriteThread`. */
export function isPoolWorker(): boolean {
  const role = (workerData as { role?: string } | undefined)?.role;
  return !isMainThread && (role === ROLE || role === WRITER_ROLE);
}

/** Run this worker thread's part. */
export function runWorker(): void {
  if ((workerData as { role: string }).role === WRITER_ROLE) runWriter();
  else runChunks();
}

/** A worker's loop: claim a chunk, process it, send the results, until none is left. */
function runChunks(): void {
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

interface WriteRequest {
  id: number;
  files: FileWrite[];
  reportAs: string;
}

interface WriteReply {
  id: number;
  outcome: WriteOutcome;
}

/**
 * A thread that makes the main thread's writes, so the main thread hardens the next files while the
 * disk works: an atomic write (temp file, mode, rename) costs about as much as hardening the file.
 * Requests are written in the order given; if the thread fails, the main thread writes what is left.
 */
export class WriteThread {
  private readonly pending = new Map<number, { request: WriteRequest; resolve: (outcome: WriteOutcome) => void }>();
  private nextId = 0;
  private failed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', ({ id, outcome }: WriteReply) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      waiting?.resolve(outcome);
    });
    const fail = () => {
      this.failed = true;
      for (const [id, { request, resolve }] of [...this.pending].sort((a, b) => a[0] - b[0])) {
        this.pending.delete(id);
        resolve(writeNow(request.files, request.reportAs));
      }
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  static start(workerUrl: URL): WriteThread | undefined {
    try {
      return new WriteThread(new Worker(workerUrl, { workerData: { role: WRITER_ROLE } }));
    } catch {
      return undefined;
    }
  }

  /** Never rejects: a write that fails answers with its one-line message. */
  write(files: FileWrite[], reportAs: string): Promise<WriteOutcome> {
    const request = { id: this.nextId++, files, reportAs };
    if (this.failed) return Promise.resolve(writeNow(request.files, request.reportAs));
    return new Promise((resolve) => {
      this.pending.set(request.id, { request, resolve });
      this.worker.postMessage(request);
    });
  }

  /** Stop the thread once every write has been answered. */
  close(): Promise<number> {
    return this.worker.terminate();
  }
}

function runWriter(): void {
  parentPort!.on('message', (request: WriteRequest) => {
    parentPort!.postMessage({ id: request.id, outcome: writeNow(request.files, request.reportAs) } satisfies WriteReply);
  });
}
