/**
 * The arithmetic allowed inside `${...}` in scenario files: numbers, parameter names, + - * / ^,
 * parentheses, and min/max/sqrt/ceil/floor/round. Enough to derive a rate from a fleet size
 * (`${0.85 * hosts * 64 / (6.2 * 600)}`) without a general-purpose evaluator.
 */
const FUNCTIONS: Record<string, (...a: number[]) => number> = {
  min: Math.min,
  max: Math.max,
  sqrt: Math.sqrt,
  ceil: Math.ceil,
  floor: Math.floor,
  round: Math.round,
  log: Math.log,
  exp: Math.exp,
};

/** Evaluates `text` with `vars`; throws an Error whose message says what was expected. */
export function evaluate(text: string, vars: Readonly<Record<string, unknown>>): number | string {
  const unknown = (name: string) =>
    new Error(`unknown parameter "${name}" in \${${text}} (declared: ${Object.keys(vars).join(', ') || 'none'})`);
  const lone = text.trim();
  // A lone parameter keeps its own type (a string parameter can name a file).
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(lone) && (lone in vars || !(lone in FUNCTIONS))) {
    const v = vars[lone];
    if (v === undefined) throw unknown(lone);
    if (typeof v === 'number' || typeof v === 'string') return v;
    throw new Error(`parameter ${lone} is not a number or a string`);
  }
  let compiled: CompiledExpression;
  try {
    compiled = compileExpression(text);
  } catch (e) {
    throw new Error((e as Error).message.replace(/^in "(.*)"/, 'in ${$1}'));
  }
  const numbers: Record<string, number> = {};
  for (const name of compiled.names) {
    const v = vars[name];
    if (v === undefined) throw unknown(name);
    const n = Number(v);
    if (typeof v === 'boolean' || !Number.isFinite(n)) throw new Error(`parameter ${name} = ${String(v)} is not a number`);
    numbers[name] = n;
  }
  return compiled.evaluate(numbers);
}

export interface CompiledExpression {
  /** The names the expression reads (columns of a trace row). */
  names: string[];
  evaluate(vars: Readonly<Record<string, number>>): number;
}

/**
 * Compiles an arithmetic expression once, for evaluation per trace row: same language as
 * `${...}`, with the variables bound at each call.
 */
export function compileExpression(text: string): CompiledExpression {
  const tokens = text.match(/\d+\.?\d*(?:e[+-]?\d+)?|\.\d+|[A-Za-z_][A-Za-z0-9_]*|\S/gi) ?? [];
  const names = new Set<string>();
  let at = 0;
  type Node = (v: Readonly<Record<string, number>>) => number;
  const peek = () => tokens[at];
  const take = (want?: string): string => {
    const t = tokens[at++];
    if (t === undefined || (want !== undefined && t !== want)) {
      throw new Error(`in "${text}": expected ${want ?? 'a value'}, found ${t ?? 'the end'}`);
    }
    return t;
  };
  const primary = (): Node => {
    const t = take();
    if (t === '(') {
      const v = sum();
      take(')');
      return v;
    }
    if (t === '-') {
      const v = power();
      return (x) => -v(x);
    }
    if (/^[\d.]/.test(t)) {
      const n = Number(t);
      return () => n;
    }
    if (/^[A-Za-z_]/.test(t)) {
      if (t in FUNCTIONS && peek() === '(') {
        take('(');
        const args = [sum()];
        while (peek() === ',') {
          take(',');
          args.push(sum());
        }
        take(')');
        const f = FUNCTIONS[t];
        return (x) => f(...args.map((a) => a(x)));
      }
      names.add(t);
      return (x) => x[t];
    }
    throw new Error(`in "${text}": unexpected "${t}"`);
  };
  const power = (): Node => {
    const base = primary();
    if (peek() === '^') {
      take('^');
      const e = power();
      return (x) => base(x) ** e(x);
    }
    return base;
  };
  const product = (): Node => {
    let v = power();
    while (peek() === '*' || peek() === '/') {
      const op = take();
      const a = v;
      const b = power();
      v = op === '*' ? (x) => a(x) * b(x) : (x) => a(x) / b(x);
    }
    return v;
  };
  const sum = (): Node => {
    let v = product();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const a = v;
      const b = product();
      v = op === '+' ? (x) => a(x) + b(x) : (x) => a(x) - b(x);
    }
    return v;
  };
  const root = sum();
  if (at < tokens.length) throw new Error(`in "${text}": unexpected "${tokens[at]}"`);
  return { names: [...names], evaluate: root };
}
