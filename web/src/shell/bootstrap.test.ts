// The bootstrap the server embeds in index.html (node --test via web/test.mjs): parsed once, each part taken once.
import assert from "node:assert/strict";
import test from "node:test";

test("embedded session and dashboard are each taken once, the element parsed once", async () => {
  const text = JSON.stringify({ session: { authEnabled: false }, home: "h", dashboards: { h: { dashboard: { uid: "h" }, meta: { scrapeInterval: "30s" } } } });
  let reads = 0;
  globalThis.document = { getElementById: id => (reads++, id === "argus-bootstrap" ? { textContent: text } : null) };
  const b = await import("./bootstrap");
  assert.equal(b.homeUid(), "h");
  assert.deepEqual(b.takeSession(), { authEnabled: false });
  assert.equal(b.takeSession(), undefined);
  assert.equal(b.takeDashboard("other"), undefined);
  assert.equal(b.homeUid(), "h");
  assert.deepEqual(b.takeDashboard("h"), { dashboard: { uid: "h" }, meta: { scrapeInterval: "30s" } });
  assert.equal(b.takeDashboard("h"), undefined);
  assert.equal(b.homeUid(), undefined, "the home dashboard was shown: a later visit to / asks the server again");
  assert.equal(reads, 1, "the element is parsed once");
  delete globalThis.document;
});
