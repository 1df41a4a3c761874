using System.Reflection;

namespace Argus.Serve.Ui;

/// <summary>
/// The web UI bundle built by web/build.mjs and embedded by Argus.csproj as resources named <c>ui/&lt;path&gt;</c>:
/// index.html, content-hashed <c>assets/app-HASH.js|css</c> with source maps, and <c>.gz</c>/<c>.br</c> siblings.
/// Loaded once; lookups are by path and never allocate.
/// </summary>
public sealed class UiAssets
{
    public const string ResourcePrefix = "ui/";

    private readonly Dictionary<string, UiAsset> _assets;

    private UiAssets(Dictionary<string, UiAsset> assets)
    {
        _assets = assets;
        Index = assets.GetValueOrDefault("index.html");
    }

    /// <summary>The bundle embedded in this binary (empty when it was built with ArgusSkipWebBuild and no web/dist).</summary>
    public static UiAssets Embedded => s_embedded.Value;

    private static readonly Lazy<UiAssets> s_embedded = new(() => FromAssembly(typeof(UiAssets).Assembly));

    /// <summary>index.html, or null when the binary carries no UI.</summary>
    public UiAsset? Index { get; }

    public int Count => _assets.Count;

    /// <summary>The file at <paramref name="path"/> (no leading slash), or null.</summary>
    public UiAsset? Find(string path) => _assets.GetValueOrDefault(path);

    public static UiAssets FromAssembly(Assembly assembly)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"embedded UI resource {name} listed but not readable");
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            files[name[ResourcePrefix.Length..]] = bytes;
        }
        return FromFiles(files);
    }

    /// <summary>Builds the table from path → bytes, pairing <c>x.gz</c> and <c>x.br</c> with <c>x</c>.</summary>
    public static UiAssets FromFiles(IReadOnlyDictionary<string, byte[]> files)
    {
        var assets = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var (path, bytes) in files)
        {
            if (path.EndsWith(".gz", StringComparison.Ordinal) || path.EndsWith(".br", StringComparison.Ordinal)) continue;
            assets[path] = new UiAsset(path, ContentTypeOf(path), bytes, files.GetValueOrDefault(path + ".gz"),
                files.GetValueOrDefault(path + ".br"), IsHashed(path));
        }
        return new UiAssets(assets);
    }

    /// <summary>esbuild names bundles <c>assets/app-HASH.ext</c>; their maps carry the same hash.</summary>
    private static bool IsHashed(string path) => path.StartsWith("assets/", StringComparison.Ordinal) && path.Contains('-');

    internal static string ContentTypeOf(string path) => System.IO.Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".map" or ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".woff2" => "font/woff2",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
