namespace Argus.Tests.Testing;

/// <summary>A fact skipped, saying which package to install, when a real peer binary from Debian is missing.</summary>
public sealed class PeerFactAttribute : FactAttribute
{
    public PeerFactAttribute(params string[] binaries)
    {
        var missing = binaries.Where(b => !File.Exists(b)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing)} not installed (.ci/run installs the Debian packages); this test runs against the real peer";
        }
    }
}
