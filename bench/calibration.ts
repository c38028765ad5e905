/**
 * The calibration task: a fixed amount of plain JIT-compiled work of the kind the kernel does
 * (a binary heap on typed arrays fed by a linear congruential generator). Every benchmark figure is
 * divided by this task's throughput measured in the same process, so a slower or busier machine
 * moves both and the ratio holds.
 */
const N = 4096;
const heap = new Float64Array(N + 1);

export function calibrationTask(): number {
  let size = 0;
  let x = 12345;
  let sum = 0;
  for (let k = 0; k < 20000; k++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    if (size < N && (x & 1) === 0) {
      let i = size++;
      const v = x / 2147483648;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p] <= v) break;
        heap[i] = heap[p];
        i = p;
      }
      heap[i] = v;
    } else if (size > 0) {
      sum += heap[0];
      const v = heap[--size];
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && heap[c + 1] < heap[c]) c++;
        if (heap[c] >= v) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = v;
    }
  }
  return sum;
}
