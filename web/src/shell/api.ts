// Fetching Argus's API: the Prometheus envelope, the session (auth helper's contract), CSRF on writes, 401 → login.

import { takeSession } from "./bootstrap";

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

function toSession(body: Partial<Session>): Session {
  return { authEnabled: body.authEnabled ?? true, user: body.user, role: body.role, csrfToken: body.csrfToken };
}

/** The signed-in user: embedded in index.html by the server (bootstrap), else GET /api/argus/session. */
export async function loadSession(): Promise<Session> {
  const embedded = takeSession();
  if (embedded && typeof embedded === "object") {
    session = toSession(embedded as Partial<Session>);
    return session;
  }
  const r = await fetch("/api/argus/session", { headers: { Accept: "application/json" }, credentials: "same-origin" });
  if (r.status === 401) {
    goToLogin();
    return session;
  }
  if (r.ok) {
    session = toSession((await r.json()) as Partial<Session>);
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
  return errorOfText(r.status, await r.text(), r.statusText);
}

function errorOfText(status: number, text: string, statusText = ""): ApiError {
  try {
    const j = JSON.parse(text) as { error?: string; errorType?: string; message?: string };
    return new ApiError(status, j.errorType ?? "", j.error ?? j.message ?? text);
  } catch {
    return new ApiError(status, "", text.trim() || `${status} ${statusText}`.trim());
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

/** A finished POST's status and body text, shared by every caller that asked the same thing while it was in flight. */
interface SharedReply {
  status: number;
  ok: boolean;
  text: string;
}

/**
 * Identical form POSTs in flight, per abort signal (one page load shares one signal): panels that ask the same query
 * for the same range wait for one request. An entry lives only until its reply arrives, so nothing is cached: a later
 * identical request (the next refresh, another page) goes to the server again.
 */
const inFlight = new WeakMap<AbortSignal, Map<string, Promise<SharedReply>>>();
const inFlightUnsignalled = new Map<string, Promise<SharedReply>>();

function postShared(path: string, form: URLSearchParams, signal?: AbortSignal): Promise<SharedReply> {
  const key = path + "?" + form.toString();
  let pending = signal ? inFlight.get(signal) : inFlightUnsignalled;
  if (!pending) {
    pending = new Map();
    inFlight.set(signal!, pending);
  }
  const existing = pending.get(key);
  if (existing) return existing;
  const map = pending;
  const reply = (async () => {
    try {
      const r = await send("POST", path, form, signal);
      return { status: r.status, ok: r.ok, text: await r.text() };
    } finally {
      map.delete(key);
    }
  })();
  map.set(key, reply);
  return reply;
}

/**
 * POST form parameters to a Prometheus API path (query, query_range) and return its "data". Identical requests made
 * with the same signal while one is in flight share it; each caller parses its own copy of the body, so callers may
 * change what they get.
 */
export async function apiPostForm<T>(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<T> {
  const r = await postShared(path, new URLSearchParams(params), signal);
  if (!r.ok) throw errorOfText(r.status, r.text);
  const j = JSON.parse(r.text) as { status: string; data: T; error?: string; errorType?: string };
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
