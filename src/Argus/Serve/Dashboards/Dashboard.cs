namespace Argus.Serve.Dashboards;

/// <summary>
/// One dashboard file as loaded: either its Grafana JSON (datasource placeholders resolved to Argus) or, for a file that
/// could not be read or parsed, the error naming the file and the line and position where parsing stopped.
/// </summary>
/// <param name="Uid">Grafana's <c>uid</c>; for a file without one, the file name without its extension.</param>
/// <param name="Title">Grafana's <c>title</c>; the file name when absent or when the file is invalid.</param>
/// <param name="Tags">Grafana's <c>tags</c>.</param>
/// <param name="Folder">The sub-folder of the dashboards path the file is in ("" at the top, "Argus" for the defaults).</param>
/// <param name="Source">The file path, or <c>embedded:dashboards/NAME.json</c> for the defaults.</param>
/// <param name="Json">The dashboard JSON to serve; null when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the file is not usable, e.g. <c>/dash/a.json:12:7: '}' is invalid…</c>; null when valid.</param>
/// <param name="Embedded">Whether the dashboard ships inside the binary.</param>
public sealed record Dashboard(
    string Uid, string Title, IReadOnlyList<string> Tags, string Folder, string Source, string? Json, string? Error, bool Embedded);
