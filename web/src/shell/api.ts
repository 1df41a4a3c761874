// Fetching Argus's API: the Prometheus envelope, the session (auth helper's contract), CSRF on writes, 401 → login.

export class ApiError extends Error {
  constructor(readonly status: number, readonly errorType: string, message: string) {
    super(message);
  }
}

/** GET /api/argus/session: {"authEnabled":false}, or the signed-in user. A 404 (server without auth) means auth disabled. */
export interface Session {
  authEnabled: boolean;
  user?: string;
  role?: "admin" | "viewer";
  csrfToken?: string;
}

let session: Session = { authEnabled: false };

export function currentSession(): Session {
  return session;
}

/** Whether the user may change state (silences, reload): always without auth, only admins with it. */
export function canEdit(): boolean {
  return !session.authEnabled || session.role === "admin";
}

export async function loadSession(): Promise<Session> {
  const r = await fetch("/api/argus/session", { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (r.status === 401) {
    goToLogin();
    return session;
  }
  if (r.ok) {
    const body = (await r.json()) as Partial<Session>;
    session = { authEnabled: body.authEnabled ?? true, user: body.user, role: body.role, csrfToken: body.csrfToken };
  } else {
    session = { authEnabled: false };
  }
  return session;
}

function goToLogin(): void {
  const next = location.pathname + location.search;
  location.assign(`/login?next=${encodeURIComponent(next)}`);
}

async function send(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (method !== "GET" && method !== "HEAD" && session.csrfToken) headers["X-CSRF-Token"] = session.csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof URLSearchParams) {
    payload = body;
  } else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const r = await fetch(path, { method, headers, body: payload, signal, credentials: "same-origin" });
  if (r.status === 401) {
    goToLogin();
    throw new ApiError(401, "unauthorized", "not signed in");
  }
  return r;
}

async function errorOf(r: Response): Promise<ApiError> {
  const text = await r.text();
  try {
    const j = JSON.parse(text) as { error?: string; errorType?: string; message?: string };
    return new ApiError(r.status, j.errorType ?? "", j.error ?? j.message ?? text);
  } catch {
    return new ApiError(r.status, "", text.trim() || `${r.status} ${r.statusText}`);
  }
}

/** GET a Prometheus API path and return its "data" (throws ApiError with the server's message on failure). */
export async function apiData<T>(path: string, signal?: AbortSignal): Promise<T> {
  const r = await send("GET", path, undefined, signal);
  if (!r.ok) throw await errorOf(r);
  const j = (await r.json()) as { status: string; data: T; error?: string; errorType?: string };
  if (j.status !== "success") throw new ApiError(r.status, j.errorType ?? "", j.error ?? "request failed");
  return j.data;
}

/** POST form parameters to a Prometheus API path (query, query_range) and return its "data". */
export async function apiPostForm<T>(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<T> {
  const r = await send("POST", path, new URLSearchParams(params), signal);
  if (!r.ok) throw await errorOf(r);
  const j = (await r.json()) as { status: string; data: T; error?: string; errorType?: string };
  if (j.status !== "success") throw new ApiError(r.status, j.errorType ?? "", j.error ?? "request failed");
  return j.data;
}

/** A JSON request without the Prometheus envelope (Alertmanager v2 API); returns the parsed body or null when empty. */
export async function apiJson<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const r = await send(method, path, body, signal);
  if (!r.ok) throw await errorOf(r);
  const text = await r.text();
  return (text ? JSON.parse(text) : null) as T;
}
