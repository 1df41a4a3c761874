namespace Argus.Tests.Store.Wal;

/// <summary>A fresh directory under the temp path, deleted on Dispose.</summary>
internal sealed class WalTestDirectory : IDisposable
{
    public WalTestDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "argus-wal-" + Guid.NewGuid().ToString("N"));

    public string Segment(int index) => System.IO.Path.Combine(Path, index.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is not a test failure.
        }
    }
}
