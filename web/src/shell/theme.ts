// Dark and light themes: CSS variables under [data-theme], the OS preference by default, a toggle kept in localStorage.

export type Theme = "dark" | "light";

const storageKey = "argus.theme";
const listeners = new Set<() => void>();

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(storageKey);
    return v === "dark" || v === "light" ? v : null;
  } catch {
    return null;
  }
}

export function currentTheme(): Theme {
  return stored() ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
}

export function applyTheme(): void {
  document.documentElement.dataset["theme"] = currentTheme();
}

export function toggleTheme(): void {
  const next: Theme = currentTheme() === "dark" ? "light" : "dark";
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Private mode without storage: the toggle still applies for this page.
  }
  document.documentElement.dataset["theme"] = next;
  for (const l of [...listeners]) l();
}

/** Called after the theme changes (charts re-read their colours). */
export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A CSS variable of the current theme, e.g. cssVar("--fg"). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function watchSystemTheme(): void {
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (stored() === null) {
      applyTheme();
      for (const l of [...listeners]) l();
    }
  });
}
