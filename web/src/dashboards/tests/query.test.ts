import { computeIntervals } from "../intervals";
import { limitConcurrency, type QueryRunner } from "../query";
import { eq, ok, test } from "./testkit";

/** A runner whose queries finish only when the test says so, recording starts and how many ran at once. */
function gatedRunner() {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  let running = 0;
  let peak = 0;
  const run = async (expr: string) => {
    started.push(expr);
    running++;
    peak = Math.max(peak, running);
    await new Promise<void>(resolve => gates.set(expr, resolve));
    running--;
    return [];
  };
  const runner: QueryRunner = { range: expr => run(expr), instant: expr => run(expr) };
  return { runner, started, finish: (expr: string) => gates.get(expr)!(), peak: () => peak };
}

const tick = () => new Promise<void>(resolve => setTimeout(resolve, 0));

test("limitConcurrency: at most max queries run, the rest start in the order asked", async () => {
  const g = gatedRunner();
  const limited = limitConcurrency(g.runner, 2);
  const all = ["a", "b", "c", "d", "e"].map(e => limited.instant(e, 0));
  await tick();
  eq(g.started, ["a", "b"]);
  g.finish("b");
  await tick();
  eq(g.started, ["a", "b", "c"]);
  g.finish("a");
  g.finish("c");
  await tick();
  await tick();
  eq(g.started, ["a", "b", "c", "d", "e"]);
  g.finish("d");
  g.finish("e");
  await Promise.all(all);
  eq(g.peak(), 2);
});

test("limitConcurrency: a waiting query aborted never starts and frees nothing it did not hold", async () => {
  const g = gatedRunner();
  const limited = limitConcurrency(g.runner, 1);
  const first = limited.range("first", 0, 1, 1);
  const abort = new AbortController();
  const dropped = limited.range("dropped", 0, 1, 1, abort.signal).then(() => "resolved", () => "rejected");
  const last = limited.range("last", 0, 1, 1);
  await tick();
  abort.abort();
  eq(await dropped, "rejected");
  g.finish("first");
  await first;
  await tick();
  eq(g.started, ["first", "last"]);
  g.finish("last");
  await last;
  ok(g.peak() === 1, `peak ${g.peak()}`);
});

test("the cluster overview's step for now-10m on a 780 px panel is Grafana's: 15 s, rate interval 1m", () => {
  const iv = computeIntervals({ startMs: 0, endMs: 600_000, widthPx: 780 });
  eq([iv.stepMs, iv.builtIns.__rate_interval], [15000, "1m"]);
});
