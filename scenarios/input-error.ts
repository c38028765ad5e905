/**
 * Bad input from the user (a scenario file, a parameter, a trace). The CLI prints the message and
 * exits with code 1; the message names the file, the field or line, and what was expected.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Formats a field path such as ['fleet', 0, 'cpu'] as `fleet[0].cpu`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}
