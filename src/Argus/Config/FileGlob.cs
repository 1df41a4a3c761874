namespace Argus.Config;

/// <summary>
/// Expands a path whose last element may contain <c>*</c> and <c>?</c>, like Go's filepath.Glob as Prometheus uses it for
/// rule_files, scrape_config_files and file SD: matches are existing files, in ordinal order; a pattern without wildcards
/// yields the path itself only if the file exists.
/// </summary>
public static class FileGlob
{
    public static bool HasWildcard(string pattern) => pattern.AsSpan().IndexOfAny('*', '?') >= 0;

    public static IReadOnlyList<string> Expand(string pattern)
    {
        if (!HasWildcard(pattern)) return File.Exists(pattern) ? [pattern] : [];
        string? dir = Path.GetDirectoryName(pattern);
        string filePattern = Path.GetFileName(pattern);
        if (string.IsNullOrEmpty(dir)) dir = ".";
        if (HasWildcard(dir) || !Directory.Exists(dir)) return [];
        try
        {
            var files = Directory.EnumerateFiles(dir, filePattern, new EnumerationOptions
            {
                MatchType = MatchType.Simple,
                RecurseSubdirectories = false,
                IgnoreInaccessible = true,
                MatchCasing = MatchCasing.CaseSensitive,
            }).ToList();
            files.Sort(StringComparer.Ordinal);
            return files;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
