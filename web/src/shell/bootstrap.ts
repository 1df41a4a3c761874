// What the server wrote into index.html for this page load (src/Argus/Serve/Ui/IndexPage.cs): the data the page would
// otherwise fetch before its own first request, i.e. the session and the dashboard the path shows. Each part is taken at
// most once, by the first page rendered: later navigations fetch fresh data as before.

/** The bootstrap object; every member is optional (an older server, a page without a dashboard, a missing dashboard). */
export interface Bootstrap {
  /** As GET /api/argus/session answers. */
  session?: unknown;
  /** For "/": the uid of the home dashboard, which is then in dashboards. */
  home?: string;
  /** uid → the data of GET /api/argus/dashboards/<uid>. */
  dashboards?: Record<string, unknown>;
}

export const bootstrapElementId = "argus-bootstrap";

let data: Bootstrap | null = null;

function read(): Bootstrap {
  if (data) return data;
  data = {};
  const el = typeof document === "undefined" ? null : document.getElementById(bootstrapElementId);
  if (el?.textContent) {
    try {
      data = JSON.parse(el.textContent) as Bootstrap;
    } catch {
      data = {};   // a broken bootstrap only costs the fetches it would have saved
    }
  }
  return data;
}

/** The session the server embedded, once; undefined when absent or already taken. */
export function takeSession(): unknown {
  const b = read();
  const s = b.session;
  delete b.session;
  return s;
}

/** The uid of the home dashboard the server embedded for "/", without taking anything. */
export function homeUid(): string | undefined {
  return read().home;
}

/** The embedded data of dashboard <uid> (as GET /api/argus/dashboards/<uid> answers), once; undefined when absent. */
export function takeDashboard<T>(uid: string): T | undefined {
  const b = read();
  const d = b.dashboards?.[uid] as T | undefined;
  if (d !== undefined) {
    delete b.dashboards![uid];
    delete b.home;
  }
  return d;
}
