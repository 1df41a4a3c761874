// A minimal test registry for the dashboards' pure modules, run in node by ../run-tests.mjs (no DOM, no node typings
// needed by tsc): test(name, fn) registers, eq/ok/throws assert.

export interface TestCase { name: string; fn: () => void | Promise<void> }

const registry: TestCase[] = ((globalThis as unknown as { __argusDashTests?: TestCase[] }).__argusDashTests ??= []);

export function test(name: string, fn: () => void | Promise<void>): void {
  registry.push({ name, fn });
}

function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => x instanceof Set ? [...x] : x instanceof Map ? Object.fromEntries(x) : x === Infinity ? "Infinity" : x);
}

export function eq<T>(actual: T, expected: T, message = ""): void {
  const a = show(actual);
  const e = show(expected);
  if (a !== e) throw new Error(`${message ? message + ": " : ""}expected ${e}\n       got      ${a}`);
}

export function ok(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}
