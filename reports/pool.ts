/**
 * Runs comparison tasks on worker threads (piscina), or in this thread when one job is asked for.
 * Results come back in task order whatever the number of threads, so outputs do not depend on it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { runTask, type RunTask } from './run-task.js';
import type { RunRecord } from './run-record.js';

/** The compiled worker module (workers load JavaScript, so tests from TypeScript use dist/ too). */
const WORKER = join(PACKAGE_ROOT, 'dist', 'reports', 'run-task.js');

export async function runAll(
  tasks: readonly RunTask[],
  jobs: number,
  onDone: (finished: number) => void = () => {},
): Promise<RunRecord[]> {
  let finished = 0;
  const done = <T>(x: T): T => {
    onDone(++finished);
    return x;
  };
  if (jobs <= 1 || tasks.length <= 1) {
    const out: RunRecord[] = [];
    for (const t of tasks) out.push(done(await runTask(t)));
    return out;
  }
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build`);
  const pool = new Piscina({ filename: WORKER, minThreads: jobs, maxThreads: jobs, idleTimeout: 1000 });
  try {
    return await Promise.all(tasks.map((t) => pool.run(t).then((r: RunRecord) => done(r))));
  } finally {
    await pool.destroy();
  }
}
